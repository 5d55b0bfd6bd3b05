using System.Globalization;

namespace Cuboid.Loading;

/// <summary>
/// Turns text fields into typed values with the options of one load (date patterns, true/false
/// words, array separator, null words). Created once per load; parsing allocates nothing but
/// arrays for array columns.
/// </summary>
internal sealed class TextParser
{
    private static readonly string[] s_isoDates = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd"];
    private static readonly string[] s_isoDateTimes =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy/MM/dd HH:mm:ss",
    ];
    private static readonly string[] s_times = ["HH:mm:ss", "HH:mm", "HH:mm:ss.FFFFFFF"];

    private readonly string[] _datePatterns;
    private readonly string[] _dateTimePatterns;
    private readonly string[] _trueValues;
    private readonly string[] _falseValues;
    private readonly string[] _nullValues;

    public TextParser(CsvOptions options)
    {
        // A pattern with time letters is for LocalDateTime only: DateOnly would accept "31/01/2024 10:11" and drop the time.
        _datePatterns = options.DatePatterns is { Count: > 0 } dp && dp.Select(ToDotNetPattern).Where(p => !HasTimeLetters(p)).ToArray() is { Length: > 0 } dates
            ? [.. dates, .. s_isoDates]
            : s_isoDates;
        _dateTimePatterns = options.DatePatterns is { Count: > 0 } dtp ? [.. dtp.Select(ToDotNetPattern), .. s_isoDateTimes] : s_isoDateTimes;
        _trueValues = options.TrueValues is { Count: > 0 } t ? [.. t] : ["true", "True", "TRUE"];
        _falseValues = options.FalseValues is { Count: > 0 } f ? [.. f] : ["false", "False", "FALSE"];
        _nullValues = options.NullValues is { Count: > 0 } n ? [.. n] : [];
        ArraySeparator = options.ArraySeparator;
        Culture = options.Culture ?? CultureInfo.InvariantCulture;
    }

    public char ArraySeparator { get; }
    public CultureInfo Culture { get; }

    public bool IsNullText(ReadOnlySpan<char> text)
    {
        foreach (var n in _nullValues)
        {
            if (text.SequenceEqual(n)) return true;
        }
        return false;
    }

    public bool TryParse<T>(ReadOnlySpan<char> s, out T value) where T : unmanaged
    {
        bool ok;
        if (typeof(T) == typeof(int)) { ok = int.TryParse(s, NumberStyles.Integer, Culture, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(long)) { ok = long.TryParse(s, NumberStyles.Integer, Culture, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(double)) { ok = double.TryParse(s, NumberStyles.Float, Culture, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(float)) { ok = float.TryParse(s, NumberStyles.Float, Culture, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(bool)) { ok = TryParseBool(s, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(DateOnly)) { ok = TryParseDate(s, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(DateTime)) { ok = TryParseDateTime(s, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(TimeOnly)) { ok = TimeOnly.TryParseExact(s, s_times, CultureInfo.InvariantCulture, DateTimeStyles.None, out var v); value = (T)(object)v; }
        else if (typeof(T) == typeof(DateTimeOffset)) { ok = TryParseZoned(s, out var v); value = (T)(object)v; }
        else throw new NotSupportedException(typeof(T).Name);
        return ok;
    }

    public bool TryParseBool(ReadOnlySpan<char> s, out bool value)
    {
        foreach (var t in _trueValues)
        {
            if (s.SequenceEqual(t)) { value = true; return true; }
        }
        foreach (var f in _falseValues)
        {
            if (s.SequenceEqual(f)) { value = false; return true; }
        }
        value = false;
        return false;
    }

    public bool TryParseDate(ReadOnlySpan<char> s, out DateOnly value)
    {
        if (s.Length == 10 && s[4] == '-' && s[7] == '-' && TryDigits(s[..4], out var y) && TryDigits(s.Slice(5, 2), out var m) && TryDigits(s.Slice(8, 2), out var d)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(Math.Max(1, y), m) && y >= 1)
        {
            value = new DateOnly(y, m, d);   // the ISO fast path: most date columns
            return true;
        }
        return DateOnly.TryParseExact(s, _datePatterns, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>ISO offsets ("2024-01-01T10:00:00+01:00", "...Z"); Java's region suffix ("[Europe/Paris]", as Atoti writes them) is ignored.</summary>
    public static bool TryParseZoned(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        if (s.Length > 2 && s[^1] == ']' && s.LastIndexOf('[') is > 0 and var open) s = s[..open];
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public bool TryParseDateTime(ReadOnlySpan<char> s, out DateTime value) =>
        DateTime.TryParseExact(s, _dateTimePatterns, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public bool TryParseArray<T>(ReadOnlySpan<char> s, out T[] array) where T : unmanaged
    {
        s = s.Trim();
        if (s.Length >= 2 && s[0] == '[' && s[^1] == ']') s = s[1..^1];
        var result = new List<T>();
        foreach (var range in s.Split(ArraySeparator))
        {
            if (!TryParse(s[range].Trim(), out T v)) { array = []; return false; }
            result.Add(v);
        }
        array = [.. result];
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if ((uint)(c - '0') > 9) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static bool HasTimeLetters(string pattern)
    {
        var quoted = false;
        foreach (var c in pattern)
        {
            if (c == '\'') quoted = !quoted;
            else if (!quoted && c is 'H' or 'h' or 'm' or 's' or 'f' or 'F' or 't' or 'K' or 'z') return true;
        }
        return false;
    }

    /// <summary>Atoti takes Java date patterns; the letters that differ in .NET are mapped here.</summary>
    internal static string ToDotNetPattern(string java) => java.Replace("SSS", "fff", StringComparison.Ordinal).Replace('u', 'y');
}
