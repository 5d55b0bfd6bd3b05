using System.Numerics;
using Cuboid.Aggregation;
using Cuboid.Measures;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Results;

/// <summary>
/// Turns aggregate results into a <see cref="QueryResult"/>: member values (captions where a
/// level has a caption column) for the level columns, measure values typed by measure, and rows
/// sorted by member order with each total above the rows it totals. Works on flat arrays and a
/// packed sort key, since a result can have a million rows (one per customer).
/// </summary>
internal sealed class ResultBuilder(CubeSnapshot snapshot, List<Level> levels, List<Measure> measures, MeasureCalc[] calcs, Func<Hierarchy, HierarchyIndex> indexOf, Aggregator aggregator)
{
    public QueryResult Build(List<(AggregateResult Result, int Depth)> parts, AggregateResult? emptyRowsFrom)
    {
        var indexes = levels.Select(l => indexOf(l.Hierarchy)).ToArray();
        var rows = new RowTable(levels.Count);
        var measureValues = new List<CellValues[]>();
        for (var p = 0; p < parts.Count; p++)
        {
            var (result, depth) = parts[p];
            measureValues.Add([.. calcs.Select(c => CellValues.Of(c, new MeasureInput(result, aggregator)))]);
            var sources = levels.Select(l => Array.FindIndex(result.Levels, f => f.Hierarchy.Hierarchy == l.Hierarchy)).ToArray();
            var first = rows.Count;
            rows.Grow(result.CellCount);
            for (var j = 0; j < levels.Count; j++)
            {
                var target = rows.Codes[j];
                if (j >= depth)
                {
                    Array.Fill(target, -1, first, result.CellCount);
                    continue;
                }
                var f = result.Levels[sources[j]];
                var codes = result.Codes[sources[j]];
                for (var c = 0; c < result.CellCount; c++) target[first + c] = f.Hierarchy.Members.Ancestor(f.Depth, codes[c], levels[j].Depth);
            }
            for (var c = 0; c < result.CellCount; c++)
            {
                rows.Part[first + c] = p;
                rows.Cell[first + c] = c;
                rows.Total[first + c] = depth < levels.Count;
            }
        }
        if (emptyRowsFrom is not null) AddEmptyRows(rows, indexes);
        var order = Order(rows, indexes);
        var columns = new List<ResultColumn>();
        for (var j = 0; j < levels.Count; j++) columns.Add(LevelColumn(levels[j], indexes[j], rows.Codes[j], order));
        for (var m = 0; m < measures.Count; m++) columns.Add(MeasureColumn(measures[m], calcs[m], rows, order, measureValues, m));
        return new QueryResult(columns, [.. order.Select(r => rows.Total[r])]);
    }

    /// <summary>Row positions in member order: ranks packed into one long per row when they fit, a comparer otherwise.</summary>
    private int[] Order(RowTable rows, HierarchyIndex[] indexes)
    {
        var n = rows.Count;
        var order = Enumerable.Range(0, n).ToArray();
        if (levels.Count == 0) return order;
        var ranks = levels.Select((l, j) => MemberOrder.Ranks(indexes[j], snapshot, l.Depth)).ToArray();
        if (levels.Count == 1) return PlaceByRank(rows.Codes[0], ranks[0], n);
        var bits = ranks.Select(r => 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)r.Length + 1)).ToArray();
        if (bits.Sum() <= 63)
        {
            var keys = new long[n];
            for (var r = 0; r < n; r++)
            {
                long key = 0;
                for (var j = 0; j < levels.Count; j++)
                {
                    var code = rows.Codes[j][r];
                    key = (key << bits[j]) | (code < 0 ? 0L : ranks[j][code] + 1L);   // a total (no member) sorts first
                }
                keys[r] = key;
            }
            Array.Sort(keys, order);
            return order;
        }
        Array.Sort(order, (a, b) =>
        {
            for (var j = 0; j < levels.Count; j++)
            {
                var (ca, cb) = (rows.Codes[j][a], rows.Codes[j][b]);
                var compare = (ca < 0 ? -1 : ranks[j][ca]).CompareTo(cb < 0 ? -1 : ranks[j][cb]);
                if (compare != 0) return compare;
            }
            return 0;
        });
        return order;
    }

    /// <summary>One level: each row is a distinct member (or the total), so rows go straight to their rank's place.</summary>
    private static int[] PlaceByRank(int[] codes, int[] ranks, int n)
    {
        var places = new int[ranks.Length + 1];
        Array.Fill(places, -1);
        for (var r = 0; r < n; r++) places[codes[r] < 0 ? 0 : ranks[codes[r]] + 1] = r;
        var order = new int[n];
        var i = 0;
        foreach (var r in places)
        {
            if (r >= 0) order[i++] = r;
        }
        return order;
    }

    private ResultColumn LevelColumn(Level level, HierarchyIndex index, int[] codes, int[] order)
    {
        var captions = level.CaptionColumn is not null ? MemberCaptions.Of(index, snapshot, level.Depth) : null;
        if (captions is null && level.Source is ColumnLevelSource && level.DataType is DataType.Int or DataType.Long)
        {
            // Integers are their own member keys: millions of rows (sales by customer) without a box each.
            Array typed = level.DataType == DataType.Long ? IntegerKeys<long>(level, index, codes, order) : IntegerKeys<int>(level, index, codes, order);
            return new ResultColumn(level.Name, ColumnRole.Level, level.DataType.ClrType(), typed);
        }
        var type = (captions is not null ? level.CaptionColumn!.DataType : level.DataType).ClrType();
        object? ValueAt(int row)
        {
            var code = codes[order[row]];
            return code < 0 ? null : captions is not null ? captions[code] : level.Source.ValueOf(index.Members.Key(level.Depth, code));
        }
        return new ResultColumn(level.Name, ColumnRole.Level, type, TypedArrays.Create(type, order.Length, ValueAt));
    }

    private static T?[] IntegerKeys<T>(Level level, HierarchyIndex index, int[] codes, int[] order) where T : struct, IBinaryInteger<T>
    {
        var values = new T?[order.Length];
        for (var row = 0; row < values.Length; row++)
        {
            var code = codes[order[row]];
            var key = code < 0 ? KeyEncoding.Null : index.Members.Key(level.Depth, code);
            values[row] = key == KeyEncoding.Null ? null : T.CreateTruncating(key);
        }
        return values;
    }

    private static ResultColumn MeasureColumn(Measure measure, MeasureCalc calc, RowTable rows, int[] order, List<CellValues[]> values, int m)
    {
        var type = calc.ResultType;
        var n = order.Length;
        if (calc.ReturnsObjects)
        {
            var clrType = type.ClrType();
            return new ResultColumn(measure.Name!, ColumnRole.Measure, clrType, TypedArrays.Create(clrType, n, i =>
                rows.Cell[order[i]] is var cell and >= 0 ? values[rows.Part[order[i]]][m].Objects![cell] : null), measure.Formatter);
        }
        Array array = type switch
        {
            DataType.Long => new long?[n],
            DataType.LocalDateTime => new DateTime?[n],
            DataType.LocalDate => new DateOnly?[n],
            DataType.LocalTime => new TimeOnly?[n],
            DataType.DoubleArray => new double[]?[n],
            _ => new double?[n],
        };
        for (var i = 0; i < n; i++)
        {
            var r = order[i];
            var cell = rows.Cell[r];
            if (cell < 0) continue;
            var (v, ok, objects) = values[rows.Part[r]][m];
            if (!ok[cell]) continue;
            switch (array)
            {
                case double[]?[] vectors: vectors[i] = (double[])((double[])objects![cell]!).Clone(); break;   // the result's own copy: cached aggregates must not change
                case long?[] longs: longs[i] = (long)Math.Round(v[cell]); break;
                case DateTime?[] dates: dates[i] = new DateTime((long)v[cell], DateTimeKind.Utc); break;   // commit times are UTC
                case DateOnly?[] days: days[i] = DateOnly.FromDayNumber((int)v[cell]); break;
                case TimeOnly?[] times: times[i] = new TimeOnly((long)v[cell]); break;
                case double?[] doubles: doubles[i] = v[cell]; break;
            }
        }
        var clr = type switch
        {
            DataType.Long => typeof(long),
            DataType.LocalDateTime => typeof(DateTime),
            DataType.LocalDate => typeof(DateOnly),
            DataType.LocalTime => typeof(TimeOnly),
            DataType.DoubleArray => typeof(double[]),
            _ => typeof(double),
        };
        return new ResultColumn(measure.Name!, ColumnRole.Measure, clr, array, measure.Formatter);
    }

    /// <summary>Every combination of the members of the asked levels (a restricted user's visible ones) that has no row yet, with empty measures.</summary>
    private void AddEmptyRows(RowTable rows, HierarchyIndex[] indexes)
    {
        var present = new HashSet<string>();
        for (var r = 0; r < rows.Count; r++)
        {
            if (!rows.Total[r]) present.Add(string.Join(",", rows.Codes.Select(c => c[r])));
        }
        IEnumerable<int[]> combos = [[]];
        for (var j = 0; j < levels.Count; j++)
        {
            var level = levels[j];
            var index = indexes[j];
            var parentPosition = levels.FindIndex(l => l.Hierarchy == level.Hierarchy);
            var count = index.Members.Count(level.Depth);
            var jj = j;
            combos = combos.SelectMany(prefix => Enumerable.Range(0, count)
                .Where(code => aggregator.Visible?.IsVisible(index, level.Depth, code) ?? true)
                .Where(code => parentPosition == jj || index.Members.Ancestor(level.Depth, code, levels[parentPosition].Depth) == prefix[parentPosition])
                .Select(code => (int[])[.. prefix, code]));
        }
        foreach (var combo in combos)
        {
            if (!present.Add(string.Join(",", combo))) continue;
            var r = rows.Count;
            rows.Grow(1);
            for (var j = 0; j < combo.Length; j++) rows.Codes[j][r] = combo[j];
            rows.Cell[r] = -1;
        }
    }

    /// <summary>The rows being assembled, column-wise.</summary>
    private sealed class RowTable(int levels)
    {
        public int Count { get; private set; }
        public int[] Part { get; private set; } = [];
        public int[] Cell { get; private set; } = [];
        public bool[] Total { get; private set; } = [];
        public int[][] Codes { get; } = [.. Enumerable.Range(0, levels).Select(_ => Array.Empty<int>())];

        public void Grow(int more)
        {
            var size = Count + more;
            if (size > Part.Length)
            {
                var capacity = Math.Max(size, Part.Length * 2);
                Part = Resized(Part, capacity);
                Cell = Resized(Cell, capacity);
                Total = Resized(Total, capacity);
                for (var j = 0; j < Codes.Length; j++) Codes[j] = Resized(Codes[j], capacity);
            }
            Count = size;
        }

        private static T[] Resized<T>(T[] array, int capacity)
        {
            Array.Resize(ref array, capacity);
            return array;
        }
    }
}

/// <summary>A measure's values for the cells of one aggregate result: numbers, or objects (arrays, members) for the measures that give those.</summary>
internal readonly record struct CellValues(double[] Values, bool[] Valid, object?[]? Objects)
{
    public static CellValues Of(MeasureCalc calc, MeasureInput input)
    {
        object?[]? objects = calc.ReturnsArray ? calc.EvalArrays(input) : calc.ReturnsObjects ? calc.EvalObjects(input) : null;
        if (objects is not null) return new CellValues([], [.. objects.Select(o => o is not null)], objects);
        var (values, valid) = calc.Eval(input);
        // Dates and times travel as numbers (day numbers, ticks); MDX cells show them as dates and times.
        object?[]? temporal = calc.ResultType switch
        {
            DataType.LocalDate => [.. values.Select((v, i) => valid[i] ? DateOnly.FromDayNumber((int)v) : (object?)null)],
            DataType.LocalTime => [.. values.Select((v, i) => valid[i] ? new TimeOnly((long)v) : (object?)null)],
            DataType.LocalDateTime => [.. values.Select((v, i) => valid[i] ? new DateTime((long)v) : (object?)null)],
            _ => null,
        };
        return new CellValues(values, valid, temporal);
    }
}
