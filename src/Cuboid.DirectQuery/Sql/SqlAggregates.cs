using System.Diagnostics;
using Cuboid.Aggregation;

namespace Cuboid.DirectQuery.Sql;

/// <summary>
/// A cube's aggregations as SQL, for a cube whose fact table is external: one statement per
/// request, grouped by the requested levels' values and their ancestors' (through the joins), the
/// scope's filter as WHERE, each aggregation as its SQL aggregate (mean is sum and count, as in
/// memory). The rows come back as cells of member codes, so the cache, roll-ups, measures and
/// MDX above work as over memory.
/// </summary>
internal sealed class SqlAggregates(ExternalTable fact) : IAggregateSource
{
    public AggregateResult Aggregate(AggregateQuery query)
    {
        var (cube, scope, levels, leaves) = (query.Cube, query.Scope, query.Levels, query.Leaves);
        cube.Prepare(scope.Snapshot, levels.Select(l => l.Hierarchy.Hierarchy));
        var watch = Stopwatch.StartNew();
        var client = fact.Database.Client;
        var writer = new SqlWriter(client.Dialect);
        var star = new StarQuery(scope.Snapshot.Graph, scope.Snapshot.MandatoryTables, client.Dialect);
        var sql = new SqlExpressions(star, writer, cube.IndexOf);

        var groups = new List<string>();
        int Group(string expression)
        {
            var i = groups.IndexOf(expression);
            if (i < 0) groups.Add(expression);
            return i < 0 ? groups.Count - 1 : i;
        }
        var paths = levels.Select(l => Enumerable.Range(0, l.Depth + 1).Select(d => Group(sql.LevelValue(l.Hierarchy.Hierarchy.Levels[d]))).ToArray()).ToArray();
        var aggregates = new List<string> { "COUNT(*)" };
        var columns = leaves.Select(spec => Columns(spec, sql, aggregates, client.Dialect.Name)).ToArray();
        var where = scope.Filter is null ? "" : " WHERE " + sql.Condition(scope.Filter);
        var select = string.Join(", ", groups.Concat(aggregates));
        var groupBy = groups.Count == 0 ? "" : " GROUP BY " + string.Join(", ", groups);
        var statement = writer.Statement($"SELECT {select} FROM {star.From()}{where}{groupBy}");

        var reader = new CellReader(levels, paths, leaves, columns, groups.Count, scope.Snapshot.Data.CommittedAt.Ticks);
        client.Read(statement, reader.Add, query.Cancellation);
        return reader.Result(watch.Elapsed, statement.Text);
    }

    /// <summary>The SQL aggregates a leaf reads: the value's column (-1: none) and its count's (non-null values, distinct values, or rows).</summary>
    private static (int Value, int Count) Columns(AggregateSpec spec, SqlExpressions sql, List<string> aggregates, string database)
    {
        int Add(string aggregate)
        {
            aggregates.Add(aggregate);
            return aggregates.Count - 1;
        }
        string Input() => sql.Expression(spec.Input!);
        return spec.Kind switch
        {
            LeafKind.Contributors or LeafKind.LastUpdate => (-1, 0),
            LeafKind.Sum => (Add($"SUM({Input()})"), Add($"COUNT({Input()})")),
            LeafKind.SquareSum => (Add($"SUM({Input()} * {Input()})"), Add($"COUNT({Input()})")),
            LeafKind.Min => (Add($"MIN({Input()})"), Add($"COUNT({Input()})")),
            LeafKind.Max => (Add($"MAX({Input()})"), Add($"COUNT({Input()})")),
            LeafKind.Count => (-1, Add($"COUNT({Input()})")),
            LeafKind.CountDistinct => (-1, Add($"COUNT(DISTINCT {Input()})")),
            _ => throw new NotSupportedException($"{spec.Kind} of {spec.Input} is not computed in {database} over DirectQuery; define the measure from sums, counts, minimums, maximums or distinct counts."),
        };
    }
}
