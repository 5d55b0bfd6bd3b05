using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>Groupings of an aggregate result's cells, for the measures that combine cells with each other (scopes, rank).</summary>
internal static class CellGroups
{
    /// <summary>The cells grouped by <paramref name="key"/>, each group in cell order.</summary>
    public static Dictionary<string, List<int>> Group(AggregateResult result, Func<int, string> key)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var cell = 0; cell < result.CellCount; cell++)
        {
            var k = key(cell);
            if (!groups.TryGetValue(k, out var list)) groups[k] = list = [];
            list.Add(cell);
        }
        return groups;
    }

    /// <summary>A key of the cell's member codes on every level but <paramref name="skip"/>.</summary>
    public static string CodesExcept(AggregateResult result, int cell, int skip) =>
        string.Join(",", Enumerable.Range(0, result.Levels.Length).Where(l => l != skip).Select(l => result.Codes[l][cell]));
}
