using System.Text;

namespace Cuboid.Results;

internal static partial class FormatString
{
    private enum FormatType
    {
        Unknown,
        Numeric,
        Text,
    }

    private enum ElementKind
    {
        Literal,
        Number,
        Lower,
        Upper,
    }

    /// <summary>One run of digit placeholders, e.g. "#,##0.00" or "0.00E+00".</summary>
    private sealed class VbaNumber
    {
        public int ZeroesLeft;
        public int ZeroesRight;
        public int DigitsRight;
        public bool UseDecimal;
        public int[]? Groups;
        public char ExpChar;
        public bool ExpPlus;
        public int ExpDigits;
        public int Shift;

        /// <summary>Whether a negative value stays non-zero once rounded (else it loses its sign).</summary>
        public bool Shows(scoped in Num n)
        {
            if (n.Kind != NumKind.Finite || ExpChar != '\0')
            {
                return !n.IsZero;
            }

            if (n.Count == 0)
            {
                return false;
            }

            int first = -(n.Exp + Shift) - (ZeroesRight + DigitsRight);
            return first < 0 || (first == 0 && n.Buf[0] >= '5');
        }

        public void Append(ref CharBuffer sb, scoped Num value, Symbols symbols)
        {
            if (value.Kind != NumKind.Finite)
            {
                if (value.Negative)
                {
                    sb.Append('-');
                }

                sb.Append(value.Kind == NumKind.NaN ? "NaN" : "Infinity");
                return;
            }

            var n = new Num(stackalloc char[DigitCapacity]);
            n.CopyFrom(value);
            if (n.Count > 0)
            {
                n.Exp += Shift;
            }

            int maxFrac = ZeroesRight + DigitsRight;
            if (ExpChar == '\0')
            {
                n.RoundHalfUp(n.Exp + maxFrac);
                if (n.Negative && n.Count > 0)
                {
                    sb.Append('-');
                }

                AppendFixed(ref sb, n, ZeroesLeft, ZeroesRight, maxFrac, UseDecimal, zeroIfEmpty: false, Groups, symbols);
                return;
            }

            // Scientific: the mantissa keeps as many integer digits as there are '0's (at least one),
            // and a carry from rounding (9.999 -> 10.00) moves into the exponent.
            int intDigits = Math.Max(1, ZeroesLeft);
            int exponent = 0;
            if (n.Count > 0)
            {
                n.RoundHalfUp(intDigits + maxFrac);
                exponent = n.Exp - intDigits;
                n.Exp = intDigits;
                if (n.Negative)
                {
                    sb.Append('-');
                }
            }

            AppendFixed(ref sb, n, intDigits, ZeroesRight, maxFrac, UseDecimal, zeroIfEmpty: false, groups: null, symbols);
            sb.Append(ExpChar);
            AppendExponent(ref sb, exponent, ExpPlus, ExpDigits);
        }
    }

    private readonly record struct Element(ElementKind Kind, string? Text, VbaNumber? Number);

    private sealed class VbaSection(Element[] elements)
    {
        public Element[] Elements { get; } = elements;

        public bool Applicable(scoped in Num n)
        {
            foreach (var e in Elements)
            {
                if (e.Kind == ElementKind.Number && !e.Number!.Shows(n))
                {
                    return false;
                }
            }

            return true;
        }

        public void Append(ref CharBuffer sb, scoped Num n, VbaFormat owner)
        {
            foreach (var e in Elements)
            {
                switch (e.Kind)
                {
                    case ElementKind.Literal:
                        sb.Append(e.Text);
                        break;
                    case ElementKind.Number:
                        e.Number!.Append(ref sb, n, owner.Symbols);
                        break;
                    default:
                        int start = sb.Length;
                        owner.General.AppendNum(ref sb, n, double.NaN, hasSource: false);
                        sb.ChangeCase(start, e.Kind == ElementKind.Upper, owner.Symbols.Culture);
                        break;
                }
            }
        }

        public void AppendText(ref CharBuffer sb, string text, VbaFormat owner)
        {
            foreach (var e in Elements)
            {
                switch (e.Kind)
                {
                    case ElementKind.Literal:
                        sb.Append(e.Text);
                        break;
                    case ElementKind.Number:
                        sb.Append(text);
                        break;
                    default:
                        int start = sb.Length;
                        sb.Append(text);
                        sb.ChangeCase(start, e.Kind == ElementKind.Upper, owner.Symbols.Culture);
                        break;
                }
            }
        }
    }

    /// <summary>An SSAS/VBA format string with up to four sections, as Mondrian applies them.</summary>
    internal sealed class VbaFormat : Impl
    {
        private readonly VbaSection?[] _sections;
        private readonly bool _textFormat;

        private VbaFormat(VbaSection?[] sections, bool textFormat, Symbols symbols)
        {
            _sections = sections;
            _textFormat = textFormat;
            Symbols = symbols;
            General = JavaNumberFormat.General(symbols);
        }

        public Symbols Symbols { get; }

        public JavaNumberFormat General { get; }

        /// <summary>True when string values print unchanged (the format is not a '&lt;'/'&gt;' text format).</summary>
        public bool IsPlain => !_textFormat;

        public static Impl Parse(string format, Symbols symbols)
        {
            var sections = new List<VbaSection?>(4);
            var type = FormatType.Unknown;
            int i = 0;
            while (true)
            {
                sections.Add(ParseSection(format, ref i, ref type, symbols));
                if (i >= format.Length || sections.Count == 4)
                {
                    break;
                }

                i++; // the ';'
            }

            // Mondrian: "Later entries default to the first, but the first must be set".
            if (sections[0] is null)
            {
                return JavaNumberFormat.General(symbols);
            }

            return new VbaFormat([.. sections], type == FormatType.Text && sections.Count == 1, symbols);
        }

        public override void AppendDouble(ref CharBuffer sb, double value)
        {
            var n = new Num(stackalloc char[DigitCapacity]);
            n.SetDouble(value);
            AppendNum(ref sb, n);
        }

        public override void AppendInteger(ref CharBuffer sb, long value)
        {
            var n = new Num(stackalloc char[DigitCapacity]);
            n.SetInteger(value);
            AppendNum(ref sb, n);
        }

        public override void AppendDecimal(ref CharBuffer sb, decimal value)
        {
            var n = new Num(stackalloc char[DigitCapacity]);
            n.SetDecimal(value);
            AppendNum(ref sb, n);
        }

        public override void AppendNull(ref CharBuffer sb)
        {
            if (_sections.Length >= 4 && _sections[3] is { } nullSection)
            {
                var zero = new Num(Span<char>.Empty);
                nullSection.Append(ref sb, zero, this);
            }
        }

        public override void AppendText(ref CharBuffer sb, string value)
        {
            if (_textFormat)
            {
                _sections[0]!.AppendText(ref sb, value, this);
            }
            else
            {
                sb.Append(value);
            }
        }

        public override void AppendDate(ref CharBuffer sb, object value)
        {
            if (_textFormat)
            {
                var iso = new CharBuffer(stackalloc char[64]);
                try
                {
                    AppendIsoDate(ref iso, value);
                    _sections[0]!.AppendText(ref sb, iso.ToString(), this);
                }
                finally
                {
                    iso.Dispose();
                }
            }
            else
            {
                AppendIsoDate(ref sb, value);
            }
        }

        private void AppendNum(ref CharBuffer sb, scoped Num n)
        {
            var s = _sections;
            var first = s[0]!;
            if (n.IsZero)
            {
                n.Negative = false; // -0.0 is zero for section choice and sign
            }

            if (n.IsZero && s.Length >= 3 && s[2] is { } zeroSection)
            {
                zeroSection.Append(ref sb, n, this);
                return;
            }

            if (!n.Negative)
            {
                first.Append(ref sb, n, this);
                return;
            }

            if (s.Length >= 2 && s[1] is { } negative)
            {
                if (negative.Applicable(n))
                {
                    n.Negative = false;
                    negative.Append(ref sb, n, this);
                }
                else if (s.Length >= 3 && s[2] is { } nil)
                {
                    nil.Append(ref sb, n, this);
                }
                else
                {
                    first.Append(ref sb, n, this);
                }

                return;
            }

            if (!first.Applicable(n))
            {
                n.Count = 0;
                n.Negative = false;
                first.Append(ref sb, n, this);
                return;
            }

            int start = sb.Length;
            sb.Append('-');
            n.Negative = false;
            first.Append(ref sb, n, this);

            // JPivot styles ("|#.00|style=red") expect the sign inside the first bar.
            if (sb.Length >= start + 2 && sb[start + 1] == '|')
            {
                sb[start] = '|';
                sb[start + 1] = '-';
            }
        }

        private static VbaSection? ParseSection(string format, ref int i, ref FormatType type, Symbols symbols)
        {
            var builder = new SectionBuilder(symbols);
            for (; i < format.Length; i++)
            {
                char c = format[i];
                if (c == ';')
                {
                    break;
                }

                if (c == '"')
                {
                    int close = format.IndexOf('"', i + 1);
                    int end = close < 0 ? format.Length : close;
                    builder.Literal(format.AsSpan(i + 1, end - i - 1));
                    i = end;
                    continue;
                }

                if (c == '\\')
                {
                    if (i + 1 < format.Length)
                    {
                        builder.Literal(format.AsSpan(i + 1, 1));
                    }

                    i++;
                    continue;
                }

                if (type != FormatType.Text && builder.TryNumeric(format, ref i))
                {
                    type = FormatType.Numeric;
                    continue;
                }

                if (type != FormatType.Numeric && c is '<' or '>' or '!')
                {
                    type = FormatType.Text;
                    if (c != '!')
                    {
                        builder.Case(upper: c == '>');
                    }

                    continue;
                }

                builder.Literal(format.AsSpan(i, 1));
            }

            return builder.Build();
        }
    }

    /// <summary>Accumulates the elements of one section while scanning it.</summary>
    private sealed class SectionBuilder(Symbols symbols)
    {
        private readonly List<Element> _elements = [];
        private readonly StringBuilder _literal = new();
        private readonly StringBuilder _intPattern = new();
        private readonly List<VbaNumber> _numbers = [];
        private VbaNumber? _number;
        private State _state;
        private int _commas;
        private int _trailingCommas;
        private int _shift;

        private enum State
        {
            None,
            Left,
            Right,
            Exponent,
        }

        public void Literal(ReadOnlySpan<char> text)
        {
            CloseNumber();
            _literal.Append(text);
        }

        public void Case(bool upper)
        {
            CloseNumber();
            FlushLiteral();
            _elements.Add(new Element(upper ? ElementKind.Upper : ElementKind.Lower, null, null));
        }

        /// <summary>Consumes a numeric format character at <paramref name="i"/>, if it is one.</summary>
        public bool TryNumeric(string format, ref int i)
        {
            char c = format[i];
            switch (c)
            {
                case '#' or '0':
                    if (_state == State.None)
                    {
                        Open(State.Left);
                    }

                    var n = _number!;
                    switch (_state)
                    {
                        case State.Left:
                            n.ZeroesLeft += c == '0' ? 1 : 0;
                            _intPattern.Append(c);
                            _trailingCommas = 0;
                            break;
                        case State.Right when c == '0':
                            n.ZeroesRight++;
                            break;
                        case State.Right:
                            n.DigitsRight++;
                            break;
                        default:
                            n.ExpDigits += c == '0' ? 1 : 0;
                            break;
                    }

                    return true;
                case '.':
                    if (_state == State.None)
                    {
                        Open(State.Right);
                    }
                    else if (_state == State.Left)
                    {
                        EndIntegerPart();
                    }

                    _state = State.Right;
                    _number!.UseDecimal = true;
                    return true;
                case ',' when _state == State.Left:
                    _commas++;
                    _trailingCommas++;
                    _intPattern.Append(',');
                    return true;
                case 'E' or 'e' when i + 1 < format.Length && format[i + 1] is '+' or '-':
                    if (_state == State.None)
                    {
                        Open(State.Left);
                    }

                    if (_state == State.Left)
                    {
                        EndIntegerPart();
                    }

                    _state = State.Exponent;
                    _number!.ExpChar = c;
                    _number.ExpPlus = format[i + 1] == '+';
                    if (_number.ZeroesLeft == 0 && _number.ZeroesRight == 0)
                    {
                        _number.ZeroesLeft = 1; // a mantissa must show: "E+0" prints 1E+2, not E+2
                    }

                    i++;
                    return true;
                case '%':
                    CloseNumber();
                    _literal.Append('%');
                    _shift += 2;
                    return true;
                case '\u00A4':
                    CloseNumber();
                    _literal.Append(symbols.Currency);
                    return true;
                default:
                    return false;
            }
        }

        public VbaSection? Build()
        {
            CloseNumber();
            FlushLiteral();
            if (_elements.Count == 0)
            {
                return null;
            }

            foreach (var n in _numbers)
            {
                n.Shift = _shift;
            }

            return new VbaSection([.. _elements]);
        }

        private void Open(State state)
        {
            FlushLiteral();
            // Mondrian keeps counting placeholders across numbers of one section, so a second
            // run of digits starts with the first one's shape ("#.##0-00" prints 3.142-3.142).
            var previous = _numbers.Count > 0 ? _numbers[^1] : null;
            _number = previous is null ? new VbaNumber() : new VbaNumber
            {
                ZeroesLeft = previous.ZeroesLeft,
                ZeroesRight = previous.ZeroesRight,
                DigitsRight = previous.DigitsRight,
                UseDecimal = previous.UseDecimal,
                Groups = previous.Groups,
                ExpChar = previous.ExpChar,
                ExpPlus = previous.ExpPlus,
                ExpDigits = previous.ExpDigits,
            };
            _state = state;
            _commas = 0;
            _trailingCommas = 0;
            _intPattern.Clear();
        }

        private void CloseNumber()
        {
            if (_state == State.None)
            {
                return;
            }

            if (_state == State.Left)
            {
                EndIntegerPart();
            }

            _number!.DigitsRight = Math.Min(_number.DigitsRight, MaxPlaceholders - Math.Min(_number.ZeroesRight, MaxPlaceholders));
            _number.ZeroesRight = Math.Min(_number.ZeroesRight, MaxPlaceholders);
            _number.ZeroesLeft = Math.Min(_number.ZeroesLeft, MaxPlaceholders);
            _elements.Add(new Element(ElementKind.Number, null, _number));
            _numbers.Add(_number);
            _number = null;
            _state = State.None;
        }

        /// <summary>Trailing commas scale by 1000; the others set the grouping, as Mondrian counts them.</summary>
        private void EndIntegerPart()
        {
            _shift -= 3 * _trailingCommas;
            _trailingCommas = 0;
            if (_commas == 1)
            {
                _number!.Groups = [3];
            }
            else if (_commas > 1)
            {
                // Sizes between commas, rightmost first, ignoring the part before the first comma;
                // the last listed (leftmost) size repeats for longer numbers.
                var parts = _intPattern.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 1)
                {
                    _number!.Groups = [.. parts.Skip(1).Reverse().Select(p => p.Length)];
                }
            }

            _commas = 0;
        }

        private void FlushLiteral()
        {
            if (_literal.Length > 0)
            {
                _elements.Add(new Element(ElementKind.Literal, _literal.ToString(), null));
                _literal.Clear();
            }
        }
    }
}
