using Cuboid.Aggregation;
using Cuboid.Measures;
using Cuboid.Model;

namespace Cuboid.Results;

/// <summary>
/// Turns aggregate results into a <see cref="QueryResult"/>: member values (captions where a
/// level has a caption column) for the level columns, measure values typed by measure, and rows
/// sorted by member order with each total above the rows it totals.
/// </summary>
internal sealed class ResultBuilder(CubeSnapshot snapshot, List<Level> levels, List<Measure> measures, MeasureCalc[] calcs, Func<Hierarchy, HierarchyIndex> indexOf)
{
    private sealed record Row(int Part, int Cell, int[] Codes, bool Total);

    public QueryResult Build(List<(AggregateResult Result, int Depth)> parts, AggregateResult? emptyRowsFrom)
    {
        var indexes = levels.Select(l => indexOf(l.Hierarchy)).ToArray();
        var rows = new List<Row>();
        var measureValues = new List<(double[] Values, bool[] Valid)[]>();
        for (var p = 0; p < parts.Count; p++)
        {
            var (result, depth) = parts[p];
            measureValues.Add([.. calcs.Select(c => c.Eval(result))]);
            var sources = levels.Select(l => Array.FindIndex(result.Levels, f => f.Hierarchy.Hierarchy == l.Hierarchy)).ToArray();
            for (var cell = 0; cell < result.CellCount; cell++)
            {
                var codes = new int[levels.Count];
                for (var j = 0; j < levels.Count; j++)
                {
                    if (j >= depth) { codes[j] = -1; continue; }
                    var f = result.Levels[sources[j]];
                    codes[j] = f.Hierarchy.Members.Ancestor(f.Depth, result.Codes[sources[j]][cell], levels[j].Depth);
                }
                rows.Add(new Row(p, cell, codes, depth < levels.Count));
            }
        }
        if (emptyRowsFrom is not null) AddEmptyRows(rows, indexes);
        var ranks = levels.Select((l, j) => MemberOrder.Ranks(indexes[j], snapshot, l.Depth)).ToArray();
        rows.Sort((a, b) =>
        {
            for (var j = 0; j < levels.Count; j++)
            {
                var ra = a.Codes[j] < 0 ? -1 : ranks[j][a.Codes[j]];
                var rb = b.Codes[j] < 0 ? -1 : ranks[j][b.Codes[j]];
                if (ra != rb) return ra.CompareTo(rb);
            }
            return 0;
        });
        var columns = new List<ResultColumn>();
        for (var j = 0; j < levels.Count; j++) columns.Add(LevelColumn(levels[j], indexes[j], rows, j));
        for (var m = 0; m < measures.Count; m++) columns.Add(MeasureColumn(measures[m], calcs[m], rows, measureValues, m));
        return new QueryResult(columns, [.. rows.Select(r => r.Total)]);
    }

    private ResultColumn LevelColumn(Level level, HierarchyIndex index, List<Row> rows, int j)
    {
        var captioned = level.CaptionColumn is not null;
        var captions = captioned ? MemberCaptions.Of(index, snapshot, level.Depth) : null;
        var type = (captioned ? level.CaptionColumn!.DataType : level.DataType).ClrType();
        var values = Array.CreateInstance(type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var code = rows[r].Codes[j];
            if (code < 0) continue;
            values.SetValue(captions is not null ? captions[code] : level.Source.ValueOf(index.Members.Key(level.Depth, code)), r);
        }
        return new ResultColumn(level.Name, ColumnRole.Level, type, values);
    }

    private static ResultColumn MeasureColumn(Measure measure, MeasureCalc calc, List<Row> rows, List<(double[] Values, bool[] Valid)[]> values, int m)
    {
        var type = calc.ResultType;
        Array array = type switch
        {
            DataType.Long => new long?[rows.Count],
            DataType.LocalDateTime => new DateTime?[rows.Count],
            _ => new double?[rows.Count],
        };
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Cell < 0) continue;
            var (v, ok) = values[row.Part][m];
            if (!ok[row.Cell]) continue;
            switch (array)
            {
                case long?[] longs: longs[r] = (long)Math.Round(v[row.Cell]); break;
                case DateTime?[] dates: dates[r] = new DateTime((long)v[row.Cell]); break;
                case double?[] doubles: doubles[r] = v[row.Cell]; break;
            }
        }
        var clr = type switch { DataType.Long => typeof(long), DataType.LocalDateTime => typeof(DateTime), _ => typeof(double) };
        return new ResultColumn(measure.Name!, ColumnRole.Measure, clr, array, measure.Formatter);
    }

    /// <summary>Every combination of the members of the asked levels that has no row yet, with empty measures.</summary>
    private void AddEmptyRows(List<Row> rows, HierarchyIndex[] indexes)
    {
        var present = new HashSet<string>(rows.Where(r => !r.Total).Select(r => string.Join(",", r.Codes)));
        IEnumerable<int[]> combos = [[]];
        for (var j = 0; j < levels.Count; j++)
        {
            var level = levels[j];
            var index = indexes[j];
            var parentPosition = levels.FindIndex(l => l.Hierarchy == level.Hierarchy);
            var count = index.Members.Count(level.Depth);
            var jj = j;
            combos = combos.SelectMany(prefix => Enumerable.Range(0, count)
                .Where(code => parentPosition == jj || index.Members.Ancestor(level.Depth, code, levels[parentPosition].Depth) == prefix[parentPosition])
                .Select(code => (int[])[.. prefix, code]));
        }
        foreach (var combo in combos)
        {
            if (present.Add(string.Join(",", combo))) rows.Add(new Row(0, -1, combo, false));
        }
    }
}
