// Measure value formatting: SSAS/VBA format strings as Mondrian interprets them, and Atoti
// formatter strings (DOUBLE[...], INT[...], LONG[...], DATE[...]).
//
// The behaviour follows Mondrian's mondrian.util.Format (checked against its FormatTest
// expectations and the FoodMart conformance records in tests/Cuboid.Tests/Mdx/Conformance/mondrian);
// the code is written from that behaviour, not copied. Mondrian quirks reproduced on purpose:
//  * Named formats are Mondrian's, not SSAS's: "Standard" = "#,##0" (266773 -> "266,773",
//    1234567.89 -> "1,234,568"), "Fixed" = "0" (0.6 -> "1"), "Currency" =
//    "$#,##0.00;($#,##0.00)", "Percent" = "0.00%", "Scientific" = "0.00e+00" (lower-case e),
//    "Yes/No" / "True/False" / "On/Off" = four sections (null -> "No" / "False" / "Off").
//  * An empty or null format, "General Number" and "General" print like Java's
//    NumberFormat.getNumberInstance(): "#,##0.###" rounded half-even on the exact binary value
//    (1234.5678 -> "1,234.568", -0.0001 -> "-0"); not "up to 15 significant digits".
//  * Custom formats round half away from zero on the shortest round-trip digits of a double
//    (40.385 -> "40.39" with "##0.0#", 0.25 -> "0.3" with "0.0"), not on the binary value.
//  * A '.' in the format is always printed: 23 with "#.#" -> "23.", 0 with "#.#" -> ".".
//    "#" placeholders print nothing for zero: 0 with "#,###" -> "", 0.02 with "#,###.000" -> ".020".
//  * One comma in the integer part means groups of three wherever it is ("#,#" -> "123,457");
//    two or more give the group sizes ("#,##,###" -> "1,23,457"), the leftmost size repeating.
//    Commas just left of the point or the end of the number divide by 1000 each ("#,##0,," ->
//    1234567890 gives "1,235"); "0," still groups (one comma counted).
//  * Each run of digit placeholders prints the whole value; a literal inside a number splits it
//    into two numbers ("#.##0-00" prints the value twice), as Mondrian does.
//  * Sections: a negative value uses the second section without a minus sign. If the negative
//    section would round the value to zero it falls to the third section, else to the first
//    (-0.001 with "0.##;(0.##);Nil" -> "Nil", with "0.##;(0.##)" -> "0."). Only an exact zero
//    uses the third section. With one section a negative value gets '-' in front of the whole
//    output ("-$6"), unless it rounds to zero (-0.006 with "#.0" -> ".0"); a section with no
//    digit placeholders never rounds to zero (-0.00001 with "\P\o\s" -> "-Pos"). If the output
//    then starts with "-|" the two characters swap ("|-3.64%|style=red", for JPivot styles).
//    Null uses the fourth section formatted as zero (null with "a;b;c;d" -> "d"), else "".
//    An empty section falls back to the first; an empty first section means general format.
//  * Letters that are not format characters are literal ("|#,##0|style=red"); single quotes
//    are literal ("|#.00%|style='green'"); double quotes and backslash quote text.
//  * '<' and '>' before any numeric character make a string format: the value (numbers in
//    general format) lower/upper-cased at that point ("|<|arrow=\"up\"" -> "|foo bar|arrow=up").
//    '@' and '&' print themselves. A string value with a numeric format prints unchanged.
//  * NaN and infinities print as "NaN" / "Infinity" in place of the digits, with the literals
//    of the section ("0.0" -> "Infinity", "$#,##0" -> "$Infinity"); -Infinity with one section
//    is "-Infinity".
// Deliberate departures from Mondrian, where Mondrian is plainly buggy: scientific formats keep
// one (or as many as there are '0's) integer digit and carry into the exponent (9.999 with
// "0.00E+00" -> "1.00E+01"), and never underflow to zero; dates with a numeric format print as
// ISO text rather than days since 1900; floats use their own shortest digits.
//
// Atoti formatters follow java.text.DecimalFormat / SimpleDateFormat: half-even rounding,
// "#,###" prints 0 as "0", "#.##" prints 0.5 as "0.5" but "#,###.00" prints 0.5 as ".50", a
// negative value that rounds to zero keeps its sign ("-0.00"), NaN is "NaN" without affixes.
using System.Collections.Concurrent;
using System.Globalization;

namespace Cuboid.Results;

/// <summary>Formats cell values with SSAS/Mondrian format strings or Atoti formatter strings.</summary>
internal static partial class FormatString
{
    private const int CacheLimit = 2000;

    private static readonly ConcurrentDictionary<(string Format, CultureInfo Culture), Formatter> s_cache = new();

    /// <summary>Formats <paramref name="value"/> with <paramref name="format"/>; culture defaults to invariant.</summary>
    public static string Format(object? value, string? format, CultureInfo? culture = null) =>
        GetCached(format, culture).Format(value);

    /// <summary>Parses <paramref name="format"/> once into a reusable, thread-safe formatter.</summary>
    public static Formatter Compile(string? format, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.InvariantCulture;
        format ??= "";
        var symbols = new Symbols(culture);
        if (TryParseAtoti(format, symbols, out var atoti))
        {
            return new Formatter(format, atoti, boolAsNumber: false);
        }

        var named = ExpandNamed(format.Trim(), symbols, out bool general, out bool boolAsNumber);
        if (general)
        {
            return new Formatter(format, JavaNumberFormat.General(symbols), boolAsNumber: false);
        }

        return new Formatter(format, VbaFormat.Parse(named ?? format, symbols), boolAsNumber);
    }

    private static Formatter GetCached(string? format, CultureInfo? culture)
    {
        var key = (format ?? "", culture ?? CultureInfo.InvariantCulture);
        if (s_cache.TryGetValue(key, out var formatter))
        {
            return formatter;
        }

        // Format strings come from cube metadata and MDX text, so the set is small; the limit
        // only guards against a client that generates a fresh string per query.
        if (s_cache.Count >= CacheLimit)
        {
            s_cache.Clear();
        }

        formatter = Compile(key.Item1, key.Item2);
        s_cache.TryAdd(key, formatter);
        return formatter;
    }

    /// <summary>Mondrian's named formats; returns the custom format they stand for, or null.</summary>
    private static string? ExpandNamed(string format, Symbols symbols, out bool general, out bool boolAsNumber)
    {
        general = format.Length == 0;
        boolAsNumber = false;
        switch (format.ToUpperInvariant())
        {
            case "GENERAL NUMBER":
            case "GENERAL":
                general = true;
                return null;
            case "CURRENCY":
                return symbols.CurrencyFormat + ";(" + symbols.CurrencyFormat + ")";
            case "FIXED":
                return "0";
            case "STANDARD":
                return "#,##0";
            case "PERCENT":
                return "0.00%";
            case "SCIENTIFIC":
                return "0.00e+00";
            case "YES/NO":
                boolAsNumber = true;
                return "\\Y\\e\\s;\\Y\\e\\s;\\N\\o;\\N\\o";
            case "TRUE/FALSE":
                boolAsNumber = true;
                return "\\T\\r\\u\\e;\\T\\r\\u\\e;\\F\\a\\l\\s\\e;\\F\\a\\l\\s\\e";
            case "ON/OFF":
                boolAsNumber = true;
                return "\\O\\n;\\O\\n;\\O\\f\\f;\\O\\f\\f";
            default:
                return null;
        }
    }

    /// <summary>Recognises "DOUBLE[pattern]" and friends.</summary>
    private static bool TryParseAtoti(string format, Symbols symbols, out Impl impl)
    {
        impl = null!;
        int open = format.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || format.Length < open + 2 || format[^1] != ']')
        {
            return false;
        }

        var kind = format.AsSpan(0, open).Trim();
        var pattern = format.Substring(open + 1, format.Length - open - 2);
        if (kind.Equals("DOUBLE", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("FLOAT", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("INT", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("INTEGER", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("LONG", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("DECIMAL", StringComparison.OrdinalIgnoreCase))
        {
            impl = JavaNumberFormat.Parse(pattern, symbols);
            return true;
        }

        if (kind.Equals("DATE", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("DATETIME", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("LOCALDATE", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("LOCALDATETIME", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("TIME", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("LOCALTIME", StringComparison.OrdinalIgnoreCase))
        {
            impl = JavaDateFormat.Parse(pattern, symbols, JavaNumberFormat.General(symbols));
            return true;
        }

        return false;
    }

    /// <summary>Culture-dependent characters, resolved once per compiled format.</summary>
    internal sealed class Symbols
    {
        public Symbols(CultureInfo culture)
        {
            Culture = culture;
            var nf = culture.NumberFormat;
            Decimal = nf.NumberDecimalSeparator;
            Group = nf.NumberGroupSeparator;
            // The invariant culture's currency sign is the generic '¤'; Mondrian's default locale
            // is en-US, so "Currency" and '¤' print '$' there.
            Currency = nf.CurrencySymbol == "\u00A4" ? "$" : nf.CurrencySymbol;
            var quoted = "\"" + Currency + "\"";
            var digits = "#,##0" + (nf.CurrencyDecimalDigits > 0 ? "." + new string('0', nf.CurrencyDecimalDigits) : "");
            CurrencyFormat = nf.CurrencyPositivePattern switch
            {
                1 => digits + quoted,
                2 => quoted + " " + digits,
                3 => digits + " " + quoted,
                _ => quoted + digits,
            };
        }

        public CultureInfo Culture { get; }

        public string Decimal { get; }

        public string Group { get; }

        public string Currency { get; }

        public string CurrencyFormat { get; }
    }

    /// <summary>A parsed format. Each value kind has an entry point so numbers never box.</summary>
    internal abstract class Impl
    {
        public abstract void AppendDouble(ref CharBuffer sb, double value);

        public abstract void AppendInteger(ref CharBuffer sb, long value);

        public abstract void AppendDecimal(ref CharBuffer sb, decimal value);

        public virtual void AppendNull(ref CharBuffer sb)
        {
        }

        public virtual void AppendText(ref CharBuffer sb, string value) => sb.Append(value);

        public virtual void AppendDate(ref CharBuffer sb, object value) => AppendIsoDate(ref sb, value);
    }

    /// <summary>ISO text for date and time values given a format that is not a date format.</summary>
    internal static void AppendIsoDate(ref CharBuffer sb, object value)
    {
        var ic = CultureInfo.InvariantCulture;
        sb.Append(value switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", ic),
            DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", ic),
            DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", ic),
            TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", ic),
            _ => Convert.ToString(value, ic),
        });
    }
}

/// <summary>A compiled format string. Thread-safe; reuse it for every cell of a measure.</summary>
internal sealed class Formatter
{
    private readonly FormatString.Impl _impl;
    private readonly bool _boolAsNumber;

    internal Formatter(string format, FormatString.Impl impl, bool boolAsNumber)
    {
        Text = format;
        _impl = impl;
        _boolAsNumber = boolAsNumber;
    }

    /// <summary>The format string this formatter was compiled from.</summary>
    public string Text { get; }

    /// <summary>Formats a double without boxing it.</summary>
    public string Format(double value)
    {
        var sb = new FormatString.CharBuffer(stackalloc char[FormatString.CharBuffer.StackSize]);
        try
        {
            _impl.AppendDouble(ref sb, value);
            return sb.ToString();
        }
        finally
        {
            sb.Dispose();
        }
    }

    /// <summary>Formats any cell value: numbers, dates, strings, booleans or null.</summary>
    public string Format(object? value)
    {
        if (value is double d)
        {
            return Format(d);
        }

        if (value is double[] array)
        {
            // As Atoti shows a vector in a cell: its length and its first elements.
            var shown = string.Join(", ", array.Take(3).Select(Format));
            return $"doubleVector[{array.Length}]{{{shown}{(array.Length > 3 ? ", ..." : "")}}}";
        }

        if (value is string s && !_boolAsNumber && _impl is FormatString.VbaFormat { IsPlain: true })
        {
            return s; // a numeric format leaves strings alone; skip the buffer
        }

        var sb = new FormatString.CharBuffer(stackalloc char[FormatString.CharBuffer.StackSize]);
        try
        {
            switch (value)
            {
                case null:
                    _impl.AppendNull(ref sb);
                    break;
                case float f:
                    // Widening keeps the binary value (0.1f -> 0.10000000149011612); go through the
                    // float's own shortest text so it prints as the float reads.
                    Span<char> text = stackalloc char[32];
                    f.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
                    _impl.AppendDouble(ref sb, double.Parse(text[..written], CultureInfo.InvariantCulture));
                    break;
                case int i:
                    _impl.AppendInteger(ref sb, i);
                    break;
                case long l:
                    _impl.AppendInteger(ref sb, l);
                    break;
                case short sh:
                    _impl.AppendInteger(ref sb, sh);
                    break;
                case byte by:
                    _impl.AppendInteger(ref sb, by);
                    break;
                case sbyte sby:
                    _impl.AppendInteger(ref sb, sby);
                    break;
                case ushort us:
                    _impl.AppendInteger(ref sb, us);
                    break;
                case uint ui:
                    _impl.AppendInteger(ref sb, ui);
                    break;
                case ulong ul when ul <= long.MaxValue:
                    _impl.AppendInteger(ref sb, (long)ul);
                    break;
                case ulong ul:
                    _impl.AppendDecimal(ref sb, ul);
                    break;
                case decimal m:
                    _impl.AppendDecimal(ref sb, m);
                    break;
                case bool b when _boolAsNumber:
                    _impl.AppendInteger(ref sb, b ? 1 : 0);
                    break;
                case bool b:
                    sb.Append(b ? "true" : "false");
                    break;
                case string str:
                    _impl.AppendText(ref sb, str);
                    break;
                case DateOnly or DateTime or DateTimeOffset or TimeOnly:
                    _impl.AppendDate(ref sb, value);
                    break;
                case IFormattable formattable:
                    sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(value.ToString());
                    break;
            }

            return sb.ToString();
        }
        finally
        {
            sb.Dispose();
        }
    }

    public override string ToString() => Text;
}
