using Cuboid.Mdx.Binding;
using System.Globalization;
using System.Text;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;
using Cuboid.Results;

namespace Cuboid.Mdx.Functions;

/// <summary>
/// The VBA and Excel functions Mondrian offers in formulas — text (InStr, Mid, Replace…), numbers
/// (Round, Mod, Exp…), conversions (CInt, Cast…) and dates (DateSerial, DateAdd, Year…) — with its
/// rules where VBA's differ: Round halves up (Round(-2.5) = -2), CInt truncates, Mod is Excel's
/// (the sign of the divisor), Weekday counts from Sunday = 1.
/// </summary>
internal static class VbaFunctions
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static void Register()
    {
        RegisterText();
        RegisterNumbers();
        RegisterDates();
        FunctionTable.Add("Cast", Cast);
    }

    private static void RegisterText()
    {
        FunctionTable.Add("Len", (e, c, f) => (double)Str(e, c, f, 0).Length);
        FunctionTable.Add("Left", (e, c, f) => Str(e, c, f, 0) is var s ? s[..Math.Clamp(Int(e, c, f, 1), 0, s.Length)] : null);
        FunctionTable.Add("Right", (e, c, f) => Str(e, c, f, 0) is var s ? s[^Math.Clamp(Int(e, c, f, 1), 0, s.Length)..] : null);
        FunctionTable.Add("Mid", (e, c, f) =>
        {
            var s = Str(e, c, f, 0);
            var start = Math.Clamp(Int(e, c, f, 1) - 1, 0, s.Length);   // 1-based
            var length = f.Has(2) ? Math.Clamp(Int(e, c, f, 2), 0, s.Length - start) : s.Length - start;
            return s.Substring(start, length);
        });
        // InStr([start,] text, search): 1-based, 0 when absent.
        FunctionTable.Add("InStr", (e, c, f) => f.Count > 2
            ? (double)(IndexOf(Str(e, c, f, 1), Str(e, c, f, 2), Int(e, c, f, 0) - 1) + 1)
            : (double)(IndexOf(Str(e, c, f, 0), Str(e, c, f, 1), 0) + 1));
        FunctionTable.Add("InStrRev", (e, c, f) => (double)(Str(e, c, f, 0).LastIndexOf(Str(e, c, f, 1), StringComparison.Ordinal) + 1));
        FunctionTable.Add("Replace", (e, c, f) => Str(e, c, f, 1) is { Length: > 0 } find ? Str(e, c, f, 0).Replace(find, Str(e, c, f, 2), StringComparison.Ordinal) : Str(e, c, f, 0));
        FunctionTable.Add("UCase", (e, c, f) => Str(e, c, f, 0).ToUpperInvariant());
        FunctionTable.Add("LCase", (e, c, f) => Str(e, c, f, 0).ToLowerInvariant());
        FunctionTable.Add("Trim", (e, c, f) => Str(e, c, f, 0).Trim(' '));
        FunctionTable.Add("LTrim", (e, c, f) => Str(e, c, f, 0).TrimStart(' '));
        FunctionTable.Add("RTrim", (e, c, f) => Str(e, c, f, 0).TrimEnd(' '));
        FunctionTable.Add("Space", (e, c, f) => new string(' ', Count(e, c, f, 0)));
        FunctionTable.Add("String", (e, c, f) => new string(Str(e, c, f, 1) is { Length: > 0 } s ? s[0] : ' ', Count(e, c, f, 0)));
        FunctionTable.Add("StrReverse", (e, c, f) => new string([.. Str(e, c, f, 0).Reverse()]));
        FunctionTable.Add("StrComp", (e, c, f) => (double)Math.Sign(string.CompareOrdinal(Str(e, c, f, 0), Str(e, c, f, 1))));
        FunctionTable.Add("Asc", (e, c, f) => Str(e, c, f, 0) is { Length: > 0 } s ? (double)s[0] : throw e.Error(f[0], MdxErrorCodes.BadFunctionArgument, "Asc of an empty string."));
        FunctionTable.Add("AscW", (e, c, f) => Str(e, c, f, 0) is { Length: > 0 } s ? (double)s[0] : throw e.Error(f[0], MdxErrorCodes.BadFunctionArgument, "AscW of an empty string."));
        FunctionTable.Add("Chr", (e, c, f) => ((char)Int(e, c, f, 0)).ToString());
        FunctionTable.Add("ChrW", (e, c, f) => ((char)Int(e, c, f, 0)).ToString());
        FunctionTable.Add("Hex", (e, c, f) => ((long)Num(e, c, f, 0)).ToString("X", s_invariant));
        FunctionTable.Add("Oct", (e, c, f) => Convert.ToString((long)Num(e, c, f, 0), 8));
        // Str puts a space where a positive number's sign would be (VBA).
        FunctionTable.Add("Str", (e, c, f) => Num(e, c, f, 0) is var x && x >= 0 ? " " + Evaluator.Text(x) : Evaluator.Text(x));
        FunctionTable.Add("CStr", (e, c, f) => Evaluator.Text(e.EvaluateScalar(f[0], c)));
        FunctionTable.Add("Val", (e, c, f) => Val(Str(e, c, f, 0)));
        FunctionTable.Add("Format", (e, c, f) => e.EvaluateScalar(f[0], c) is DateTime date && f.Has(1)
            ? date.ToString(DateFormat(Str(e, c, f, 1)), s_invariant)
            : FormatString.Format(e.EvaluateScalar(f[0], c), f.Has(1) ? Str(e, c, f, 1) : null));
        FunctionTable.Add("FormatNumber", (e, c, f) => FormatString.Format(Num(e, c, f, 0), "#,##0" + Decimals(e, c, f)));
        FunctionTable.Add("FormatPercent", (e, c, f) => FormatString.Format(Num(e, c, f, 0), "0" + Decimals(e, c, f) + "%"));
        FunctionTable.Add("FormatCurrency", (e, c, f) => FormatString.Format(Num(e, c, f, 0), "$#,##0" + (f.Has(1) ? Decimals(e, c, f) : ".00") + ";($#,##0" + (f.Has(1) ? Decimals(e, c, f) : ".00") + ")"));
    }

    private static void RegisterNumbers()
    {
        Unary("Abs", Math.Abs);
        Unary("Exp", Math.Exp);
        Unary("Log", Math.Log);
        Unary("Log10", Math.Log10);
        Unary("Sqr", Math.Sqrt);
        Unary("Sgn", x => Math.Sign(x));
        Unary("Int", Math.Floor);
        Unary("Fix", Math.Truncate);
        Unary("Atn", Math.Atan);
        Unary("Cos", Math.Cos);
        Unary("Sin", Math.Sin);
        Unary("Tan", Math.Tan);
        Unary("Acos", Math.Acos);
        Unary("Asin", Math.Asin);
        Unary("Acosh", Math.Acosh);
        Unary("Asinh", Math.Asinh);
        Unary("Atanh", Math.Atanh);
        Unary("Cosh", Math.Cosh);
        Unary("Sinh", Math.Sinh);
        Unary("Tanh", Math.Tanh);
        Unary("Degrees", x => x * 180 / Math.PI);
        Unary("Radians", x => x * Math.PI / 180);
        Unary("SqrtPi", x => Math.Sqrt(x * Math.PI));
        Unary("CDbl", x => x);
        Unary("CInt", Math.Truncate);
        Unary("CLng", Math.Truncate);
        FunctionTable.Add("Pi", (e, c, f) => Math.PI);
        FunctionTable.Add("Power", (e, c, f) => Math.Pow(Num(e, c, f, 0), Num(e, c, f, 1)));
        FunctionTable.Add("Atan2", (e, c, f) => Math.Atan2(Num(e, c, f, 1), Num(e, c, f, 0)));
        // Excel's MOD: the result has the divisor's sign (Mod(-7, 3) = 2).
        FunctionTable.Add("Mod", (e, c, f) => Num(e, c, f, 0) is var a && Num(e, c, f, 1) is var b ? a - b * Math.Floor(a / b) : null);
        // Halves round up, towards +Infinity (Mondrian): Round(2.5) = 3, Round(-2.5) = -2.
        FunctionTable.Add("Round", (e, c, f) =>
        {
            var scale = Math.Pow(10, f.Has(1) ? Int(e, c, f, 1) : 0);
            return Math.Floor(Num(e, c, f, 0) * scale + 0.5) / scale;
        });
        FunctionTable.Add("CBool", (e, c, f) => Evaluator.AsBoolean(e.EvaluateScalar(f[0], c)));
    }

    private static void RegisterDates()
    {
        DateFunction("Now", (e, c, f) => DateTime.Now);
        DateFunction("Date", (e, c, f) => DateTime.Today);
        DateFunction("DateSerial", (e, c, f) => new DateTime(1, 1, 1).AddYears(Int(e, c, f, 0) - 1).AddMonths(Int(e, c, f, 1) - 1).AddDays(Int(e, c, f, 2) - 1));
        DateFunction("TimeSerial", (e, c, f) => new DateTime(1899, 12, 30).AddHours(Int(e, c, f, 0)).AddMinutes(Int(e, c, f, 1)).AddSeconds(Int(e, c, f, 2)));
        DateFunction("CDate", (e, c, f) => Date(e, c, f, 0));
        DateFunction("IsDate", (e, c, f) => e.EvaluateScalar(f[0], c) is DateTime);
        DateFunction("Year", (e, c, f) => (double)Date(e, c, f, 0).Year);
        DateFunction("Month", (e, c, f) => (double)Date(e, c, f, 0).Month);
        DateFunction("Day", (e, c, f) => (double)Date(e, c, f, 0).Day);
        DateFunction("Hour", (e, c, f) => (double)Date(e, c, f, 0).Hour);
        DateFunction("Minute", (e, c, f) => (double)Date(e, c, f, 0).Minute);
        DateFunction("Second", (e, c, f) => (double)Date(e, c, f, 0).Second);
        DateFunction("Weekday", (e, c, f) => (double)((int)Date(e, c, f, 0).DayOfWeek + 1));
        DateFunction("DateAdd", (e, c, f) => Add(e, f, Str(e, c, f, 0), Int(e, c, f, 1), Date(e, c, f, 2)));
        DateFunction("DateDiff", (e, c, f) => (double)Diff(e, f, Str(e, c, f, 0), Date(e, c, f, 1), Date(e, c, f, 2)));
        DateFunction("DatePart", (e, c, f) => (double)Part(e, f, Str(e, c, f, 0), Date(e, c, f, 1)));
    }

    /// <summary>A date function: a date out of DateTime's range (years 1 to 9999) is an error at the call, not a crash.</summary>
    private static void DateFunction(string name, MdxFunction function) => FunctionTable.Add(name, (e, c, f) =>
    {
        try
        {
            return function(e, c, f);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw e.Error(f.At, MdxErrorCodes.BadFunctionArgument, $"{f.Name}: the date is out of range (years 1 to 9999).");
        }
    });

    /// <summary>Cast(value AS NUMERIC | INTEGER | STRING | BOOLEAN), Mondrian's.</summary>
    private static object? Cast(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        if (f[0] is not AliasCalc { Syntax: AliasExpression { Alias: { Segments: [var type] } alias } } cast) throw e.Error(f.At, MdxErrorCodes.BadCast, "Cast is written Cast(value AS type).");
        var value = e.EvaluateScalar(cast.Inner, c);
        if (value is null) return null;
        return type.Name.ToUpperInvariant() switch
        {
            "NUMERIC" => e.AsNumber(value, cast.Inner),
            "INTEGER" => Math.Truncate(e.AsNumber(value, cast.Inner)),
            "STRING" => Evaluator.Text(value),
            "BOOLEAN" => Evaluator.AsBoolean(value),
            _ => throw e.Error(alias, MdxErrorCodes.BadCast, $"Cast to '{type.Name}': the types are NUMERIC, INTEGER, STRING and BOOLEAN."),
        };
    }

    private static void Unary(string name, Func<double, double> function) =>
        FunctionTable.Add(name, (e, c, f) => e.EvaluateScalar(f[0], c) is { } value ? function(e.AsNumber(value, f[0])) : null);

    private static double Num(Evaluator e, MdxContext c, FunctionCallSite f, int i) => e.AsNumber(e.EvaluateScalar(f[i], c), f[i]);

    private static int Int(Evaluator e, MdxContext c, FunctionCallSite f, int i) => (int)Math.Clamp(Math.Truncate(Num(e, c, f, i)), int.MinValue, int.MaxValue);

    private static string Str(Evaluator e, MdxContext c, FunctionCallSite f, int i) => Evaluator.Text(e.EvaluateScalar(f[i], c));

    /// <summary>A length argument: not negative, and bounded, so that Space(1e9) is refused instead of filling the memory.</summary>
    private static int Count(Evaluator e, MdxContext c, FunctionCallSite f, int i)
    {
        const int Limit = 1 << 20;
        var n = Int(e, c, f, i);
        return n is >= 0 and <= Limit ? n : throw e.Error(f[i], MdxErrorCodes.BadFunctionArgument, $"{f.Name} takes a length from 0 to {Limit:N0}; {n} given.");
    }

    private static int IndexOf(string text, string search, int start) =>
        start < 0 || start > text.Length ? -1 : text.IndexOf(search, start, StringComparison.Ordinal);

    /// <summary>The decimals argument of FormatNumber and FormatPercent as a format suffix (".0" for 1); none without it.</summary>
    private static string Decimals(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var digits = f.Has(1) ? Math.Clamp(Int(e, c, f, 1), 0, 15) : 0;
        return digits == 0 ? "" : "." + new string('0', digits);
    }

    /// <summary>
    /// A VBA date format as .NET's: m is a month, or a minute right after h; n is a minute; AM/PM is tt.
    /// Quoted text stays literal; the named formats (Long Date…) become .NET's standard ones.
    /// </summary>
    private static string DateFormat(string vba)
    {
        switch (vba.ToLowerInvariant())
        {
            case "general date": return "G";
            case "long date": return "D";
            case "short date": return "d";
            case "long time": return "T";
            case "short time": return "HH:mm";
        }
        var net = new StringBuilder();
        var afterHour = false;
        for (var i = 0; i < vba.Length;)
        {
            var ch = char.ToLowerInvariant(vba[i]);
            var run = 1;
            while (i + run < vba.Length && char.ToLowerInvariant(vba[i + run]) == ch) run++;
            if (vba.AsSpan(i).StartsWith("AM/PM", StringComparison.OrdinalIgnoreCase))
            {
                net.Append("tt");
                i += 5;
                continue;
            }
            switch (ch)
            {
                case 'y' or 'd' or 's':
                    net.Append(ch, run);
                    break;
                case 'h':
                    net.Append('H', run);
                    afterHour = true;
                    break;
                case 'm':
                    net.Append(afterHour && run <= 2 ? 'm' : 'M', run);
                    afterHour = false;
                    break;
                case 'n':
                    net.Append('m', run);
                    break;
                case '"':
                    var close = vba.IndexOf('"', i + 1);
                    if (close < 0) close = vba.Length;
                    net.Append('\'').Append(vba.AsSpan(i + 1, close - i - 1)).Append('\'');
                    i = close + 1;
                    continue;
                case '\\':
                    if (i + 1 < vba.Length) net.Append('\\').Append(vba[i + 1]);
                    i += 2;
                    continue;
                default:
                    for (var k = 0; k < run; k++) net.Append('\\').Append(vba[i]);
                    break;
            }
            i += run;
        }
        return net.ToString();
    }

    /// <summary>VBA's Val: the number at the start of the text, spaces ignored; 0 when there is none.</summary>
    private static double Val(string text)
    {
        var digits = new StringBuilder();
        foreach (var ch in text)
        {
            if (ch is ' ' or '\t') continue;
            if (char.IsAsciiDigit(ch) || (ch is '-' or '+' && digits.Length == 0) || (ch == '.' && !digits.ToString().Contains('.'))) digits.Append(ch);
            else break;
        }
        return double.TryParse(digits.ToString(), NumberStyles.Float, s_invariant, out var value) ? value : 0;
    }

    private static DateTime Date(Evaluator e, MdxContext c, FunctionCallSite f, int i) => e.EvaluateScalar(f[i], c) switch
    {
        DateTime d => d,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        string s when DateTime.TryParse(s, s_invariant, DateTimeStyles.None, out var d) => d,
        double days => new DateTime(1899, 12, 30).AddDays(days),   // VBA's serial dates
        var other => throw e.Error(f[i], MdxErrorCodes.NumberExpected, $"A date was expected; found {Evaluator.Describe(other)}."),
    };

    private static DateTime Add(Evaluator e, FunctionCallSite f, string interval, int n, DateTime date) => interval.ToLowerInvariant() switch
    {
        "yyyy" => date.AddYears(n),
        "q" => date.AddMonths(3 * n),
        "m" => date.AddMonths(n),
        "y" or "d" or "w" => date.AddDays(n),
        "ww" => date.AddDays(7 * n),
        "h" => date.AddHours(n),
        "n" => date.AddMinutes(n),
        "s" => date.AddSeconds(n),
        _ => throw UnknownInterval(e, f, interval),
    };

    private static long Diff(Evaluator e, FunctionCallSite f, string interval, DateTime from, DateTime to) => interval.ToLowerInvariant() switch
    {
        "yyyy" => to.Year - from.Year,
        "q" => (to.Year - from.Year) * 4 + (to.Month - 1) / 3 - (from.Month - 1) / 3,
        "m" => (to.Year - from.Year) * 12 + to.Month - from.Month,
        "y" or "d" => (long)(to.Date - from.Date).TotalDays,
        "w" => (long)(to.Date - from.Date).TotalDays / 7,
        "ww" => (long)(to.Date.AddDays(-(int)to.DayOfWeek) - from.Date.AddDays(-(int)from.DayOfWeek)).TotalDays / 7,
        "h" => (long)(to - from).TotalHours,
        "n" => (long)(to - from).TotalMinutes,
        "s" => (long)(to - from).TotalSeconds,
        _ => throw UnknownInterval(e, f, interval),
    };

    private static int Part(Evaluator e, FunctionCallSite f, string interval, DateTime date) => interval.ToLowerInvariant() switch
    {
        "yyyy" => date.Year,
        "q" => (date.Month - 1) / 3 + 1,
        "m" => date.Month,
        "y" => date.DayOfYear,
        "d" => date.Day,
        "w" => (int)date.DayOfWeek + 1,
        "ww" => (date.DayOfYear + (int)new DateTime(date.Year, 1, 1).DayOfWeek - 1) / 7 + 1,
        "h" => date.Hour,
        "n" => date.Minute,
        "s" => date.Second,
        _ => throw UnknownInterval(e, f, interval),
    };

    private static MdxEvaluationException UnknownInterval(Evaluator e, FunctionCallSite f, string interval) =>
        e.Error(f[0], MdxErrorCodes.BadFunctionArgument, $"{f.Name}: unknown interval '{interval}'; the intervals are yyyy, q, m, y, d, w, ww, h, n, s.");
}
