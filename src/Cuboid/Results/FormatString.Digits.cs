using System.Buffers;
using System.Globalization;

namespace Cuboid.Results;

internal static partial class FormatString
{
    /// <summary>
    /// Room for the significant digits of any value: 17 for a double, 19 for a long, 29 for a
    /// decimal. Padding zeros are never stored, and rounding only ever shortens the digits.
    /// </summary>
    internal const int DigitCapacity = 40;

    /// <summary>Fraction and integer placeholder counts are capped so digit buffers stay bounded.</summary>
    internal const int MaxPlaceholders = 300;

    /// <summary>A growable character buffer that starts on the stack, so a format costs one string.</summary>
    internal ref struct CharBuffer
    {
        public const int StackSize = 128;

        private Span<char> _chars;
        private char[]? _rented;
        private int _length;

        public CharBuffer(Span<char> initial)
        {
            _chars = initial;
            _rented = null;
            _length = 0;
        }

        public readonly int Length => _length;

        public readonly ref char this[int index] => ref _chars[index];

        public void Append(char c)
        {
            if (_length == _chars.Length)
            {
                Grow(1);
            }

            _chars[_length++] = c;
        }

        public void Append(scoped ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _chars.Length)
            {
                Grow(text.Length);
            }

            text.CopyTo(_chars[_length..]);
            _length += text.Length;
        }

        public void Append(string? text) => Append(text.AsSpan());

        public void Append(char c, int count)
        {
            if (count <= 0)
            {
                return;
            }

            if (_length + count > _chars.Length)
            {
                Grow(count);
            }

            _chars.Slice(_length, count).Fill(c);
            _length += count;
        }

        /// <summary>Upper- or lower-cases what was appended since <paramref name="start"/>.</summary>
        public readonly void ChangeCase(int start, bool upper, CultureInfo culture)
        {
            var slice = _chars[start.._length];
            var copy = slice.Length <= 256 ? stackalloc char[slice.Length] : new char[slice.Length];
            slice.CopyTo(copy);
            if (upper)
            {
                copy.ToUpper(slice, culture);
            }
            else
            {
                copy.ToLower(slice, culture);
            }
        }

        public override readonly string ToString() => new(_chars[.._length]);

        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
                _rented = null;
            }
        }

        private void Grow(int extra)
        {
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + extra));
            _chars[.._length].CopyTo(bigger);
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
            }

            _rented = bigger;
            _chars = bigger;
        }
    }

    internal enum NumKind
    {
        Finite,
        NaN,
        Infinity,
    }

    /// <summary>
    /// A decimal number as digits: value = 0.D1D2...Dn × 10^Exp, no leading or trailing zeros;
    /// Count == 0 means zero. Negative is kept for zero too (Java prints "-0").
    /// </summary>
    internal ref struct Num
    {
        public Span<char> Buf;
        public int Count;
        public int Exp;
        public bool Negative;
        public NumKind Kind;

        public Num(Span<char> buffer)
        {
            Buf = buffer;
            Count = 0;
            Exp = 0;
            Negative = false;
            Kind = NumKind.Finite;
        }

        public readonly bool IsZero => Kind == NumKind.Finite && Count == 0;

        /// <summary>The digit at a position counted from the first significant digit; zero outside.</summary>
        public readonly char DigitAt(int index) => index >= 0 && index < Count ? Buf[index] : '0';

        public void CopyFrom(scoped in Num other)
        {
            other.Buf[..other.Count].CopyTo(Buf);
            Count = other.Count;
            Exp = other.Exp;
            Negative = other.Negative;
            Kind = other.Kind;
        }

        /// <summary>Shortest round-trip digits, as Java's Double.toString and .NET's "R" give.</summary>
        public void SetDouble(double value)
        {
            Negative = double.IsNegative(value);
            if (double.IsNaN(value))
            {
                Kind = NumKind.NaN;
                Negative = false;
                Count = 0;
                return;
            }

            if (double.IsInfinity(value))
            {
                Kind = NumKind.Infinity;
                Count = 0;
                return;
            }

            Kind = NumKind.Finite;
            Span<char> text = stackalloc char[40];
            value.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
            ParseDigits(text[..written]);
        }

        public void SetInteger(long value)
        {
            Kind = NumKind.Finite;
            Negative = value < 0;
            Span<char> text = stackalloc char[24];
            value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
            ParseDigits(text[..written]);
        }

        public void SetDecimal(decimal value)
        {
            Kind = NumKind.Finite;
            Negative = value < 0;
            Span<char> text = stackalloc char[40];
            value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
            ParseDigits(text[..written]);
        }

        /// <summary>Reads "-123.45E-05"-style invariant text; the sign is set by the caller.</summary>
        public void ParseDigits(scoped ReadOnlySpan<char> text)
        {
            Count = 0;
            int intDigits = 0;
            bool seenPoint = false;
            bool leading = true;
            int exponent = 0;
            int i = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '.')
                {
                    seenPoint = true;
                }
                else if (c is >= '0' and <= '9')
                {
                    if (!seenPoint)
                    {
                        intDigits++;
                    }

                    if (leading && c == '0')
                    {
                        // A leading zero is not a digit of the number; after the point it moves the
                        // point instead: 0.00012 is 0.12 × 10^-3.
                        intDigits--;
                        continue;
                    }

                    leading = false;
                    Buf[Count++] = c;
                }
                else if (c is 'E' or 'e')
                {
                    exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    break;
                }
            }

            while (Count > 0 && Buf[Count - 1] == '0')
            {
                Count--;
            }

            Exp = Count == 0 ? 0 : intDigits + exponent;
        }

        /// <summary>Keeps the first <paramref name="keep"/> digits, rounding half up on the digit string.</summary>
        public void RoundHalfUp(int keep)
        {
            if (Count == 0 || keep >= Count)
            {
                return;
            }

            if (keep < 0)
            {
                Count = 0;
                return;
            }

            bool up = Buf[keep] >= '5';
            Truncate(keep, up);
        }

        /// <summary>Keeps <paramref name="keep"/> digits, rounding half to even on the exact digit string.</summary>
        public void RoundHalfEven(int keep)
        {
            if (Count == 0 || keep >= Count)
            {
                return;
            }

            if (keep < 0)
            {
                Count = 0;
                return;
            }

            char next = Buf[keep];
            bool up = next > '5'
                || (next == '5' && (keep + 1 < Count || (keep > 0 && (Buf[keep - 1] - '0') % 2 == 1)));
            Truncate(keep, up);
        }

        private void Truncate(int keep, bool up)
        {
            Count = keep;
            if (up)
            {
                int i = keep - 1;
                while (i >= 0 && Buf[i] == '9')
                {
                    i--;
                }

                if (i < 0)
                {
                    Buf[0] = '1';
                    Count = 1;
                    Exp++;
                }
                else
                {
                    Buf[i]++;
                    Count = i + 1;
                }
            }

            while (Count > 0 && Buf[Count - 1] == '0')
            {
                Count--;
            }
        }
    }

    /// <summary>
    /// Writes digits in fixed notation: at least <paramref name="minInt"/> integer digits (zero
    /// padded), grouping, and between <paramref name="minFrac"/> and <paramref name="maxFrac"/>
    /// fraction digits. The number must already be rounded to <paramref name="maxFrac"/> places.
    /// </summary>
    internal static void AppendFixed(
        ref CharBuffer sb,
        scoped Num n,
        int minInt,
        int minFrac,
        int maxFrac,
        bool pointAlways,
        bool zeroIfEmpty,
        int[]? groups,
        Symbols symbols)
    {
        int intLen = n.Count == 0 ? 0 : Math.Max(n.Exp, 0);
        int printed = Math.Max(intLen, minInt);
        int pad = printed - intLen;
        for (int p = 0; p < printed; p++)
        {
            sb.Append(p < pad ? '0' : n.DigitAt(p - pad));
            int fromRight = printed - 1 - p;
            if (fromRight > 0 && groups is not null && IsGroupBoundary(groups, fromRight))
            {
                sb.Append(symbols.Group);
            }
        }

        int fracSig = n.Count == 0 ? 0 : Math.Max(0, n.Count - n.Exp);
        int fracLen = Math.Min(Math.Max(fracSig, minFrac), Math.Max(maxFrac, minFrac));
        if (zeroIfEmpty && printed == 0 && fracLen == 0)
        {
            sb.Append('0');
        }

        if (fracLen > 0 || pointAlways)
        {
            sb.Append(symbols.Decimal);
        }

        for (int j = 0; j < fracLen; j++)
        {
            sb.Append(n.DigitAt(n.Exp + j));
        }
    }

    /// <summary>Whether a separator goes left of the digit <paramref name="fromRight"/> places from the point.</summary>
    private static bool IsGroupBoundary(int[] groups, int fromRight)
    {
        if (groups.Length == 1)
        {
            return fromRight % groups[0] == 0;
        }

        int sum = 0;
        for (int i = 0; ; i++)
        {
            sum += groups[Math.Min(i, groups.Length - 1)];
            if (sum == fromRight)
            {
                return true;
            }

            if (sum > fromRight)
            {
                return false;
            }
        }
    }

    /// <summary>Writes an exponent: sign ('-' always, '+' if asked) and at least <paramref name="minDigits"/> digits.</summary>
    internal static void AppendExponent(ref CharBuffer sb, int exponent, bool plus, int minDigits)
    {
        if (exponent < 0)
        {
            sb.Append('-');
        }
        else if (plus)
        {
            sb.Append('+');
        }

        Span<char> digits = stackalloc char[12];
        Math.Abs(exponent).TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        sb.Append('0', Math.Max(minDigits, 1) - written);
        sb.Append(digits[..written]);
    }
}
