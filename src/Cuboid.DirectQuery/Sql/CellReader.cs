using Cuboid.Aggregation;

namespace Cuboid.DirectQuery.Sql;

/// <summary>
/// Turns an aggregation statement's rows into an <see cref="AggregateResult"/>: each row's level
/// values become member codes (a member the database has and memory did not yet is interned, as a
/// scan would), rows naming the same cell (a NULL and the default it stands for) are merged.
/// </summary>
internal sealed class CellReader(LevelRef[] levels, int[][] paths, AggregateSpec[] leaves, (int Value, int Count)[] columns, int groupCount, long lastUpdate)
{
    private readonly List<int>[] _codes = [.. levels.Select(_ => new List<int>())];
    private readonly List<double>[] _values = [.. leaves.Select(_ => new List<double>())];
    private readonly List<long>[] _counts = [.. leaves.Select(_ => new List<long>())];
    private readonly long[] _path = new long[levels.Length == 0 ? 0 : levels.Max(l => l.Depth) + 1];
    private readonly int[] _pathCodes = new int[levels.Length == 0 ? 0 : levels.Max(l => l.Depth) + 1];

    public void Add(object?[] row)
    {
        var rows = SqlValues.ToLong(row[groupCount]);
        if (rows == 0) return;   // the one row of an aggregation without GROUP BY over no fact
        for (var l = 0; l < levels.Length; l++)
        {
            var level = levels[l];
            var hierarchyLevels = level.Hierarchy.Hierarchy.Levels;
            for (var d = 0; d <= level.Depth; d++) _path[d] = LevelKeys.Of(hierarchyLevels[d], row[paths[l][d]]);
            level.Hierarchy.Members.Intern(_path.AsSpan(0, level.Depth + 1), _pathCodes);
            _codes[l].Add(_pathCodes[level.Depth]);
        }
        for (var i = 0; i < leaves.Length; i++)
        {
            var (value, count) = columns[i];
            var n = SqlValues.ToLong(row[groupCount + count]);
            _counts[i].Add(n);
            _values[i].Add(leaves[i].Kind == LeafKind.LastUpdate ? lastUpdate : value < 0 || n == 0 ? leaves[i].Primitive.Identity : SqlValues.ToDouble(row[groupCount + value]));
        }
    }

    public AggregateResult Result(TimeSpan elapsed, string statement)
    {
        var rows = _codes.Length == 0 ? _counts.FirstOrDefault()?.Count ?? 0 : _codes[0].Count;
        var cellOf = Cells(rows, out var cells);
        var codes = levels.Select(_ => new int[cells]).ToArray();
        for (var r = 0; r < rows; r++)
        {
            for (var l = 0; l < levels.Length; l++) codes[l][cellOf[r]] = _codes[l][r];
        }
        var results = leaves.Select((spec, i) => spec.Primitive.Combine(spec, cells, [(new LeafValues(spec, spec.Primitive.HasValues ? [.. _values[i]] : [], [.. _counts[i]]), cellOf, 1)])).ToArray();
        return new AggregateResult(levels, codes, results, elapsed, "sql") { Statement = statement };
    }

    /// <summary>Each row's cell: the rows' codes, deduplicated.</summary>
    private int[] Cells(int rows, out int cells)
    {
        var cellOf = new int[rows];
        var radix = levels.Select(l => (long)Math.Max(1, l.Hierarchy.Members.Count(l.Depth))).ToArray();
        var known = new Dictionary<long, int>(rows);
        for (var r = 0; r < rows; r++)
        {
            long key = 0;
            for (var l = 0; l < levels.Length; l++) key = key * radix[l] + _codes[l][r];
            if (!known.TryGetValue(key, out var cell)) known[key] = cell = known.Count;
            cellOf[r] = cell;
        }
        cells = known.Count;
        return cellOf;
    }
}
