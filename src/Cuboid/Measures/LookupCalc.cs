using System.Globalization;
using System.Runtime.CompilerServices;
using Cuboid.Aggregation;
using Cuboid.Storage;

namespace Cuboid.Measures;

/// <summary>
/// Fn.Lookup. The table's rows are indexed by their key values once per table version (the
/// snapshot's, so a lookup reads the data the rest of the query reads); each cell's key is made of
/// its members at the mapped levels. Numbers come out as numbers, other values as objects.
/// </summary>
internal sealed class LookupCalc(LookupMeasure lookup) : MeasureCalc
{
    private static readonly ConditionalWeakTable<TableVersion, Dictionary<string, Dictionary<string, int>>> s_indexes = new();

    private readonly ColumnSchema _column = lookup.Column.Schema;

    public override DataType ResultType => _column.Type.IsIntegral() ? DataType.Long : _column.Type;

    public override IEnumerable<AggregateSpec> Leaves => [];

    public override bool ReturnsObjects => !_column.Type.IsNumeric();

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var objects = Read(input);
        var values = new double[objects.Length];
        var valid = new bool[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            if (objects[i] is null) continue;
            values[i] = Convert.ToDouble(objects[i], CultureInfo.InvariantCulture);
            valid[i] = true;
        }
        return (values, valid);
    }

    public override object?[] EvalObjects(MeasureInput input) => Read(input);

    private object?[] Read(MeasureInput input)
    {
        var result = input.Result;
        var table = lookup.Column.Table;
        var version = input.Aggregator.Snapshot.Data[table.Store];
        var keyColumns = table.Keys;
        var rows = RowsByKey(version, table.Store, keyColumns);
        // Per key column, each cell's key value: a constant, or the cell's member of the mapped level.
        var parts = keyColumns.Select(name =>
        {
            var source = lookup.Mapping.First(m => m.Key.Name == name).LevelOrValue;
            if (source is not Level level) return _ => Text(source);
            var index = input.Aggregator.Cube.IndexOf(level.Hierarchy);
            var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index && l.Depth >= level.Depth);
            if (position < 0) return (Func<int, string?>)(_ => null);   // the level is not on the cell
            var depth = result.Levels[position].Depth;
            return cell => Text(level.Source.ValueOf(index.Members.Key(level.Depth, index.Members.Ancestor(depth, result.Codes[position][cell], level.Depth))));
        }).ToArray();
        var values = new object?[result.CellCount];
        for (var cell = 0; cell < values.Length; cell++)
        {
            var key = Key(parts.Select(p => p(cell)));
            if (key is not null && rows.TryGetValue(key, out var row)) values[cell] = version.GetValue(_column.Index, row);
        }
        return values;
    }

    /// <summary>The table's live rows by their key values (invariant text joined), built once per table version.</summary>
    private static Dictionary<string, int> RowsByKey(TableVersion version, TableStore store, IReadOnlyList<string> keys)
    {
        var perVersion = s_indexes.GetOrCreateValue(version);
        var name = string.Join("\u001f", keys);
        lock (perVersion)
        {
            if (perVersion.TryGetValue(name, out var known)) return known;
            var columns = keys.Select(k => store.Find(k)!.Index).ToArray();
            var rows = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in version.LiveRows()) rows[Key(columns.Select(c => Text(version.GetValue(c, row))))!] = row;
            return perVersion[name] = rows;
        }
    }

    private static string? Key(IEnumerable<string?> parts)
    {
        var list = parts.ToList();
        return list.Any(p => p is null) ? null : string.Join("\u001f", list);
    }

    private static string? Text(object? value) => value is null ? "\u0000" : Convert.ToString(value, CultureInfo.InvariantCulture);
}
