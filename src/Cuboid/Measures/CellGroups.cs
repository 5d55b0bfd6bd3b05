using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>
/// Groupings of an aggregate result's cells, for the measures that combine cells with each other
/// (scopes, rank, first and last, date shifts). A cell's key packs its member codes on the chosen
/// levels into one long (mixed radix over the levels' member counts), so grouping hashes numbers,
/// not strings.
/// </summary>
internal static class CellGroups
{
    /// <summary>The cells grouped by their codes on every level but <paramref name="skip"/>, and by <paramref name="extra"/> (a code ≥ −1) when given; each group in cell order.</summary>
    public static IEnumerable<List<int>> Group(AggregateResult result, int skip, Func<int, int>? extra = null) =>
        ByKey(Keys(result, skip, extra)).Values;

    /// <summary>The cells (indexes into <paramref name="keys"/>) by key, each list in cell order.</summary>
    public static Dictionary<long, List<int>> ByKey(long[] keys)
    {
        var groups = new Dictionary<long, List<int>>();
        for (var cell = 0; cell < keys.Length; cell++)
        {
            if (!groups.TryGetValue(keys[cell], out var list)) groups[keys[cell]] = list = [];
            list.Add(cell);
        }
        return groups;
    }

    /// <summary>Each cell's key over every level but <paramref name="skip"/> (−1: all), with <paramref name="extra"/> in the lowest place.</summary>
    /// <remarks>Keys of two results are comparable when they share <paramref name="interned"/> (see <see cref="Pack"/>).</remarks>
    public static long[] Keys(AggregateResult result, int skip, Func<int, int>? extra = null, Dictionary<string, long>? interned = null)
    {
        var columns = new List<int[]>();
        var radix = new List<long>();
        for (var l = 0; l < result.Levels.Length; l++)
        {
            if (l == skip) continue;
            columns.Add(result.Codes[l]);
            radix.Add(result.Levels[l].Hierarchy.Members.Count(result.Levels[l].Depth));
        }
        if (extra is not null)
        {
            // Shifted by one so the All member's −1 packs too.
            var codes = new int[result.CellCount];
            for (var cell = 0; cell < codes.Length; cell++) codes[cell] = extra(cell) + 1;
            columns.Add(codes);
            radix.Add(codes.Length == 0 ? 1 : codes.Max() + 1);
        }
        return Pack(result.CellCount, columns, radix, interned);
    }

    /// <summary>
    /// Packs code columns into one key per cell. Where the member counts multiply past a long (many
    /// wide levels), the codes are interned as tuples instead: slower, never wrong; callers comparing
    /// the keys of two results pass the same <paramref name="interned"/> to both.
    /// </summary>
    public static long[] Pack(int count, IReadOnlyList<int[]> columns, IReadOnlyList<long> radix, Dictionary<string, long>? interned = null)
    {
        var keys = new long[count];
        if (radix.Aggregate(1.0, (product, r) => product * Math.Max(1, r)) < long.MaxValue / 2)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var (codes, r) = (columns[c], Math.Max(1, radix[c]));
                for (var cell = 0; cell < count; cell++) keys[cell] = keys[cell] * r + codes[cell];
            }
            return keys;
        }
        interned ??= new Dictionary<string, long>(StringComparer.Ordinal);
        for (var cell = 0; cell < count; cell++)
        {
            var text = string.Join(",", columns.Select(codes => codes[cell]));
            if (!interned.TryGetValue(text, out keys[cell])) interned[text] = keys[cell] = interned.Count;
        }
        return keys;
    }
}
