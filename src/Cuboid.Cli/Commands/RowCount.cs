using System.CommandLine.Parsing;
using System.Globalization;

namespace Cuboid.Cli.Commands;

/// <summary>Parses row counts such as <c>1000000</c>, <c>1_000_000</c>, <c>1,000,000</c>, <c>500K</c>, <c>1M</c> or <c>1.5M</c>.</summary>
internal static class RowCount
{
    public static bool TryParse(string text, out long rows)
    {
        rows = 0;
        var s = text.Trim().Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (s.Length == 0) return false;
        var multiplier = char.ToUpperInvariant(s[^1]) switch
        {
            'K' => 1_000L,
            'M' => 1_000_000L,
            'G' or 'B' => 1_000_000_000L,
            _ => 1L,
        };
        if (multiplier != 1) s = s[..^1];
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        var scaled = value * multiplier;
        if (scaled < 0 || scaled > long.MaxValue || scaled != decimal.Truncate(scaled)) return false;
        rows = (long)scaled;
        return true;
    }

    /// <summary>A System.CommandLine parser for a row-count option.</summary>
    public static long Parse(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (TryParse(token, out var rows) && rows > 0) return rows;
        result.AddError($"'{token}' is not a row count: use a positive number such as 1000000, 1M or 500K.");
        return 0;
    }

    /// <summary>Short text for a count: 1M, 500K, 1234.</summary>
    public static string Short(long rows) => rows switch
    {
        >= 1_000_000 when rows % 1_000_000 == 0 => $"{rows / 1_000_000}M",
        >= 1_000 when rows % 1_000 == 0 => $"{rows / 1_000}K",
        _ => rows.ToString(CultureInfo.InvariantCulture),
    };
}
