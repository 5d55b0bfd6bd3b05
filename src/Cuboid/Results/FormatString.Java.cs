using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Cuboid.Results;

internal static partial class FormatString
{
    /// <summary>
    /// A java.text.DecimalFormat pattern (Atoti's DOUBLE[...], INT[...]); also Mondrian's general
    /// format, which is Java's default number format "#,##0.###".
    /// </summary>
    internal sealed class JavaNumberFormat : Impl
    {
        private static readonly ConditionalWeakTable<Symbols, JavaNumberFormat> s_general = new();

        private readonly Symbols _symbols;
        private string _posPrefix = "";
        private string _posSuffix = "";
        private string _negPrefix = "-";
        private string _negSuffix = "";
        private int _multiplier = 1;
        private int _minInt;
        private int _maxInt;
        private int _minFrac;
        private int _maxFrac;
        private int[]? _groups;
        private bool _pointAlways;
        private bool _exponent;
        private int _minExpDigits;

        private JavaNumberFormat(Symbols symbols) => _symbols = symbols;

        /// <summary>Java's NumberFormat.getNumberInstance(): "#,##0.###", half-even.</summary>
        public static JavaNumberFormat General(Symbols symbols) =>
            s_general.GetValue(symbols, static s => Parse("#,##0.###", s));

        public static JavaNumberFormat Parse(string pattern, Symbols symbols)
        {
            var f = new JavaNumberFormat(symbols);
            int i = 0;
            f._posPrefix = ParseAffix(pattern, ref i, f, number: true);
            f.ParseNumberPart(pattern, ref i);
            f._posSuffix = ParseAffix(pattern, ref i, f, number: false);
            if (i < pattern.Length && pattern[i] == ';')
            {
                i++;
                // Only the affixes of the negative subpattern count; its number part is ignored.
                f._negPrefix = ParseAffix(pattern, ref i, f, number: true);
                while (i < pattern.Length && pattern[i] is '#' or '0' or ',' or '.' or 'E')
                {
                    i++;
                }

                f._negSuffix = ParseAffix(pattern, ref i, f, number: false);
            }
            else
            {
                f._negPrefix = "-" + f._posPrefix;
                f._negSuffix = f._posSuffix;
            }

            return f;
        }

        public override void AppendDouble(ref CharBuffer sb, double value)
        {
            var n = new Num(stackalloc char[DigitCapacity]);
            bool negative = double.IsNegative(value) && !double.IsNaN(value);
            double scaled = Math.Abs(value) * _multiplier;
            n.SetDouble(scaled);
            n.Negative = negative;
            AppendNum(ref sb, n, scaled, hasSource: true);
        }

        public override void AppendInteger(ref CharBuffer sb, long value)
        {
            if (_multiplier != 1)
            {
                AppendDecimal(ref sb, value);
                return;
            }

            var n = new Num(stackalloc char[DigitCapacity]);
            n.SetInteger(value);
            AppendNum(ref sb, n, double.NaN, hasSource: false);
        }

        public override void AppendDecimal(ref CharBuffer sb, decimal value)
        {
            var n = new Num(stackalloc char[DigitCapacity]);
            n.SetDecimal(value);
            if (_multiplier != 1 && n.Count > 0)
            {
                // An exact shift: Java multiplies BigDecimal values exactly too.
                n.Exp += _multiplier == 100 ? 2 : 3;
            }

            AppendNum(ref sb, n, double.NaN, hasSource: false);
        }

        /// <summary>Formats digits that are already multiplied; <paramref name="source"/> is their double, if any.</summary>
        public void AppendNum(ref CharBuffer sb, scoped Num value, double source, bool hasSource)
        {
            if (value.Kind == NumKind.NaN)
            {
                sb.Append("NaN"); // Java prints NaN without prefix or suffix
                return;
            }

            sb.Append(value.Negative ? _negPrefix : _posPrefix);
            if (value.Kind == NumKind.Infinity)
            {
                sb.Append("Infinity");
            }
            else
            {
                var n = new Num(stackalloc char[DigitCapacity]);
                n.CopyFrom(value);
                if (_exponent)
                {
                    AppendScientific(ref sb, n, source, hasSource);
                }
                else
                {
                    RoundJava(ref n, n.Exp + _maxFrac, source, hasSource, fixedPoint: true, _maxFrac);
                    AppendFixed(ref sb, n, _minInt, _minFrac, _maxFrac, _pointAlways, zeroIfEmpty: true, _groups, _symbols);
                }
            }

            sb.Append(value.Negative ? _negSuffix : _posSuffix);
        }

        /// <summary>
        /// Java rounds half-even on the exact binary value but prints the shortest digits when
        /// nothing is cut. Only a cut at a '5' needs the binary value; .NET's "F"/"E" formatting
        /// rounds the exact value half-even too, so it settles that case.
        /// </summary>
        private static void RoundJava(ref Num n, int keep, double source, bool hasSource, bool fixedPoint, int precision)
        {
            if (n.Count == 0 || keep >= n.Count)
            {
                return;
            }

            if (!hasSource || keep < 0 || n.Buf[keep] != '5')
            {
                if (hasSource)
                {
                    n.RoundHalfUp(keep); // not a '5': up and half-up agree
                }
                else
                {
                    n.RoundHalfEven(keep);
                }

                return;
            }

            Span<char> format = stackalloc char[8];
            format[0] = fixedPoint ? 'F' : 'E';
            precision.TryFormat(format[1..], out int fw, default, CultureInfo.InvariantCulture);
            // The cut lies inside the 17 shortest digits, so the text is at most the fraction
            // places plus a few digits; the rounded digits fit the digit buffer again.
            Span<char> text = stackalloc char[MaxPlaceholders + 48];
            source.TryFormat(text, out int written, format[..(fw + 1)], CultureInfo.InvariantCulture);
            bool negative = n.Negative;
            n.ParseDigits(text[..written]);
            n.Negative = negative;
        }

        private void AppendScientific(ref CharBuffer sb, scoped Num n, double source, bool hasSource)
        {
            bool engineering = _maxInt > _minInt && _maxInt > 1;
            RoundJava(ref n, _maxInt + _maxFrac, source, hasSource, fixedPoint: false, _maxInt + _maxFrac - 1);
            int exponent;
            int minIntDigits = _minInt;
            if (n.Count == 0)
            {
                exponent = 0;
            }
            else if (engineering)
            {
                int at = n.Exp;
                exponent = at >= 1 ? (at - 1) / _maxInt * _maxInt : (at - _maxInt) / _maxInt * _maxInt;
                minIntDigits = 1;
            }
            else
            {
                exponent = n.Exp - _minInt;
            }

            int integerDigits = n.Count == 0 ? minIntDigits : n.Exp - exponent;
            int minimumDigits = Math.Max(_minInt + _minFrac, integerDigits);
            int total = Math.Max(n.Count, minimumDigits);
            for (int i = 0; i < total; i++)
            {
                if (i == integerDigits)
                {
                    sb.Append(_symbols.Decimal);
                }

                sb.Append(n.DigitAt(i));
            }

            if (_pointAlways && total == integerDigits)
            {
                sb.Append(_symbols.Decimal);
            }

            sb.Append('E');
            AppendExponent(ref sb, exponent, plus: false, _minExpDigits);
        }

        private void ParseNumberPart(string p, ref int i)
        {
            int zeroes = 0;
            int hashesLeft = 0;
            int fracZeroes = 0;
            int fracHashes = 0;
            int lastComma = -1;
            int intChars = 0;
            bool point = false;
            bool anyComma = false;
            for (; i < p.Length; i++)
            {
                char c = p[i];
                if (c is '#' or '0')
                {
                    if (point)
                    {
                        fracZeroes += c == '0' ? 1 : 0;
                        fracHashes += c == '#' ? 1 : 0;
                    }
                    else
                    {
                        zeroes += c == '0' ? 1 : 0;
                        hashesLeft += c == '#' ? 1 : 0;
                        intChars++;
                    }
                }
                else if (c == ',' && !point)
                {
                    anyComma = true;
                    lastComma = intChars;
                }
                else if (c == '.' && !point)
                {
                    point = true;
                }
                else if (c == 'E' && i + 1 < p.Length && p[i + 1] == '0')
                {
                    _exponent = true;
                    i++;
                    while (i < p.Length && p[i] == '0')
                    {
                        _minExpDigits++;
                        i++;
                    }

                    break;
                }
                else
                {
                    break;
                }
            }

            _minInt = Math.Min(zeroes, MaxPlaceholders);
            _maxInt = Math.Min(zeroes + hashesLeft, MaxPlaceholders);
            _minFrac = Math.Min(fracZeroes, MaxPlaceholders);
            _maxFrac = Math.Min(fracZeroes + fracHashes, MaxPlaceholders);
            if (anyComma && intChars > lastComma && !_exponent)
            {
                _groups = [intChars - lastComma];
            }

            // Java: a pattern with no '0' at all ("#.##") still shows one integer digit, and a
            // point with no digit on one side ("#,##0." or ".##") is always shown.
            if (zeroes == 0 && fracZeroes == 0 && point)
            {
                _minInt = 1;
            }

            _pointAlways = point && (intChars == 0 || fracZeroes + fracHashes == 0);
        }

        private static string ParseAffix(string p, ref int i, JavaNumberFormat f, bool number)
        {
            var sb = new StringBuilder();
            for (; i < p.Length; i++)
            {
                char c = p[i];
                if (c == '\'')
                {
                    i = ReadQuoted(p, i, sb);
                    continue;
                }

                if (c == ';' || (number && c is '#' or '0' or ',' or '.'))
                {
                    break;
                }

                switch (c)
                {
                    case '%':
                        f._multiplier = 100;
                        sb.Append('%');
                        break;
                    case '\u2030':
                        f._multiplier = 1000;
                        sb.Append(c);
                        break;
                    case '\u00A4':
                        sb.Append(f._symbols.Currency);
                        break;
                    default:
                        sb.Append(c);
                        break;
                }
            }

            return sb.ToString();
        }
    }

    /// <summary>A Java date pattern (Atoti's DATE[...]), e.g. "yyyy-MM-dd HH:mm:ss.SSS".</summary>
    internal sealed class JavaDateFormat : Impl
    {
        private readonly (char Letter, int Count, string? Text)[] _tokens;
        private readonly JavaNumberFormat _general;
        private readonly DateTimeFormatInfo _names;

        private JavaDateFormat((char, int, string?)[] tokens, JavaNumberFormat general, Symbols symbols)
        {
            _tokens = tokens;
            _general = general;
            _names = symbols.Culture.DateTimeFormat;
        }

        public static JavaDateFormat Parse(string pattern, Symbols symbols, JavaNumberFormat general)
        {
            var tokens = new List<(char, int, string?)>();
            var literal = new StringBuilder();
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '\'')
                {
                    i = ReadQuoted(pattern, i, literal);
                    continue;
                }

                if (IsField(c))
                {
                    int count = 1;
                    while (i + count < pattern.Length && pattern[i + count] == c)
                    {
                        count++;
                    }

                    if (literal.Length > 0)
                    {
                        tokens.Add(('\0', 0, literal.ToString()));
                        literal.Clear();
                    }

                    tokens.Add((c, count, null));
                    i += count - 1;
                    continue;
                }

                literal.Append(c);
            }

            if (literal.Length > 0)
            {
                tokens.Add(('\0', 0, literal.ToString()));
            }

            return new JavaDateFormat([.. tokens], general, symbols);
        }

        public override void AppendDouble(ref CharBuffer sb, double value) => _general.AppendDouble(ref sb, value);

        public override void AppendInteger(ref CharBuffer sb, long value) => _general.AppendInteger(ref sb, value);

        public override void AppendDecimal(ref CharBuffer sb, decimal value) => _general.AppendDecimal(ref sb, value);

        public override void AppendDate(ref CharBuffer sb, object value)
        {
            TimeSpan? offset = null;
            DateTime t;
            switch (value)
            {
                case DateOnly d:
                    t = d.ToDateTime(TimeOnly.MinValue);
                    break;
                case TimeOnly time:
                    t = DateTime.MinValue + time.ToTimeSpan();
                    break;
                case DateTimeOffset dto:
                    t = dto.DateTime;
                    offset = dto.Offset;
                    break;
                default:
                    t = (DateTime)value;
                    if (t.Kind == DateTimeKind.Utc)
                    {
                        offset = TimeSpan.Zero;
                    }

                    break;
            }

            Span<char> ticks = stackalloc char[7];
            foreach (var (letter, count, text) in _tokens)
            {
                if (text is not null)
                {
                    sb.Append(text);
                    continue;
                }

                switch (letter)
                {
                    case 'y' or 'u':
                        AppendPadded(ref sb, count == 2 ? t.Year % 100 : t.Year, count);
                        break;
                    case 'M' or 'L':
                        if (count >= 3)
                        {
                            sb.Append(count == 3 ? _names.GetAbbreviatedMonthName(t.Month) : _names.GetMonthName(t.Month));
                        }
                        else
                        {
                            AppendPadded(ref sb, t.Month, count);
                        }

                        break;
                    case 'd':
                        AppendPadded(ref sb, t.Day, count);
                        break;
                    case 'D':
                        AppendPadded(ref sb, t.DayOfYear, count);
                        break;
                    case 'E':
                        sb.Append(count <= 3 ? _names.GetAbbreviatedDayName(t.DayOfWeek) : _names.GetDayName(t.DayOfWeek));
                        break;
                    case 'a':
                        sb.Append(t.Hour < 12 ? _names.AMDesignator : _names.PMDesignator);
                        break;
                    case 'H':
                        AppendPadded(ref sb, t.Hour, count);
                        break;
                    case 'k':
                        AppendPadded(ref sb, t.Hour == 0 ? 24 : t.Hour, count);
                        break;
                    case 'h':
                        AppendPadded(ref sb, t.Hour % 12 == 0 ? 12 : t.Hour % 12, count);
                        break;
                    case 'K':
                        AppendPadded(ref sb, t.Hour % 12, count);
                        break;
                    case 'm':
                        AppendPadded(ref sb, t.Minute, count);
                        break;
                    case 's':
                        AppendPadded(ref sb, t.Second, count);
                        break;
                    case 'S':
                        // Fraction of the second to as many places as letters: SSS is milliseconds.
                        ((int)(t.Ticks % TimeSpan.TicksPerSecond)).TryFormat(ticks, out _, "D7", CultureInfo.InvariantCulture);
                        sb.Append(ticks[..Math.Min(count, 7)]);
                        sb.Append('0', count - 7);
                        break;
                    case 'X' or 'x' or 'Z' or 'z':
                        AppendOffset(ref sb, letter, count, offset ?? TimeSpan.Zero);
                        break;
                    case 'G':
                        sb.Append("AD");
                        break;
                    default:
                        sb.Append(letter, count);
                        break;
                }
            }
        }

        private static bool IsField(char c) => c is 'y' or 'u' or 'M' or 'L' or 'd' or 'D' or 'E' or 'a'
            or 'H' or 'k' or 'h' or 'K' or 'm' or 's' or 'S' or 'X' or 'x' or 'Z' or 'z' or 'G';

        private static void AppendPadded(ref CharBuffer sb, int value, int width)
        {
            Span<char> digits = stackalloc char[12];
            value.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
            sb.Append('0', width - written);
            sb.Append(digits[..written]);
        }

        private static void AppendOffset(ref CharBuffer sb, char letter, int count, TimeSpan offset)
        {
            if (offset == TimeSpan.Zero && letter == 'X')
            {
                sb.Append('Z');
                return;
            }

            sb.Append(offset < TimeSpan.Zero ? '-' : '+');
            var abs = offset.Duration();
            AppendPadded(ref sb, abs.Hours, 2);
            if (letter is 'X' or 'x' && count == 1)
            {
                return;
            }

            if ((letter is 'X' or 'x' && count >= 3) || letter == 'z')
            {
                sb.Append(':');
            }

            AppendPadded(ref sb, abs.Minutes, 2);
        }
    }

    /// <summary>
    /// Reads Java quoted text starting at the quote at <paramref name="i"/>: '' is a quote, inside
    /// or outside quoted text. Returns the index of the closing quote (or the last index).
    /// </summary>
    private static int ReadQuoted(string p, int i, StringBuilder sb)
    {
        if (i + 1 < p.Length && p[i + 1] == '\'')
        {
            sb.Append('\'');
            return i + 1;
        }

        for (int j = i + 1; j < p.Length; j++)
        {
            if (p[j] != '\'')
            {
                sb.Append(p[j]);
            }
            else if (j + 1 < p.Length && p[j + 1] == '\'')
            {
                sb.Append('\'');
                j++;
            }
            else
            {
                return j;
            }
        }

        return p.Length - 1;
    }
}
