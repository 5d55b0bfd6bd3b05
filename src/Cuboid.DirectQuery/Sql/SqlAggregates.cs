using System.Diagnostics;
using Cuboid.Aggregation;

namespace Cuboid.DirectQuery.Sql;

/// <summary>
/// A cube's aggregations as SQL, for a cube whose fact table is external: one statement per
/// request, grouped by the requested levels' values and their ancestors' (through the joins), the
/// scope's filter as WHERE, each aggregation as its SQL aggregate (mean is sum and count, as in
/// memory). Several groupings asked together (a distinct count with its subtotals) are one
/// statement: GROUPING SETS with GROUPING() telling the rows apart, or, where the database has no
/// grouping sets (ClickHouse 18), a UNION ALL of one SELECT per grouping tagged with its number.
/// The rows come back as cells of member codes, so the cache, roll-ups, measures and MDX above
/// work as over memory.
/// </summary>
internal sealed class SqlAggregates(ExternalTable fact) : IAggregateSource
{
    public bool Batches => true;

    public AggregateResult Aggregate(AggregateQuery query) => AggregateMany([query])[0];

    public IReadOnlyList<AggregateResult> AggregateMany(IReadOnlyList<AggregateQuery> queries)
    {
        var (cube, scope, leaves) = (queries[0].Cube, queries[0].Scope, queries[0].Leaves);
        cube.Prepare(scope.Snapshot, queries.SelectMany(q => q.Levels).Select(l => l.Hierarchy.Hierarchy));
        var watch = Stopwatch.StartNew();
        var client = fact.Database.Client;
        var dialect = client.Dialect;
        var writer = new SqlWriter(dialect);
        var star = new StarQuery(scope.Snapshot, scope.Snapshot.MandatoryTables, dialect);
        var sql = new SqlExpressions(star, writer, cube.IndexOf);

        var groups = new List<string>();
        int Group(string expression)
        {
            var i = groups.IndexOf(expression);
            if (i < 0) groups.Add(expression);
            return i < 0 ? groups.Count - 1 : i;
        }
        var paths = queries.Select(q => q.Levels.Select(l => Enumerable.Range(0, l.Depth + 1).Select(d => Group(sql.LevelValue(l.Hierarchy.Hierarchy.Levels[d]))).ToArray()).ToArray()).ToArray();
        var aggregates = new List<string> { "COUNT(*)" };
        var columns = leaves.Select(spec => Columns(spec, sql, aggregates, dialect.Name)).ToArray();
        var where = scope.Filter is null ? "" : " WHERE " + sql.Condition(scope.Filter);
        var from = star.From();
        var sets = paths.Select(p => p.SelectMany(g => g).Distinct().Order().ToArray()).ToArray();
        string GroupBy(int[] set) => set.Length == 0 ? "" : " GROUP BY " + string.Join(", ", set.Select(g => groups[g]));

        if (queries.Count == 1)
        {
            var single = writer.Statement($"SELECT {string.Join(", ", groups.Concat(aggregates))} FROM {from}{where}{GroupBy(sets[0])}");
            var reader = new CellReader(queries[0].Levels, paths[0], leaves, columns, groups.Count, scope.Snapshot.Data.CommittedAt.Ticks);
            client.Read(single, reader.Add, queries[0].Cancellation);
            return [reader.Result(watch.Elapsed, single.Text)];
        }
        SqlStatement statement;
        long[] tags;
        if (dialect.GroupingSets && groups.Count <= 31)
        {
            // GROUPING(g0…gn): bit n-1-i is set when g_i is rolled up in the row's grouping.
            tags = [.. sets.Select(set => Enumerable.Range(0, groups.Count).Where(g => !set.Contains(g)).Sum(g => 1L << (groups.Count - 1 - g)))];
            var grouping = $"GROUPING({string.Join(", ", groups)})";
            var groupingSets = string.Join(", ", sets.Select(set => "(" + string.Join(", ", set.Select(g => groups[g])) + ")"));
            statement = writer.Statement($"SELECT {string.Join(", ", groups.Append(grouping).Concat(aggregates))} FROM {from}{where} GROUP BY GROUPING SETS ({groupingSets})");
        }
        else
        {
            // One SELECT per grouping: a column it does not group by is any() of it, so every branch has the same types.
            tags = [.. Enumerable.Range(0, sets.Length).Select(k => (long)k)];
            statement = writer.Statement(string.Join(" UNION ALL ", sets.Select((set, k) =>
                $"SELECT {string.Join(", ", groups.Select((g, i) => set.Contains(i) ? g : $"any({g})").Append(dialect.Tag(k)).Concat(aggregates))} FROM {from}{where}{GroupBy(set)}")));
        }

        var readers = queries.Select((q, i) => new CellReader(q.Levels, paths[i], leaves, columns, groups.Count + 1, scope.Snapshot.Data.CommittedAt.Ticks)).ToArray();
        var byTag = new Dictionary<long, CellReader[]>();
        for (var i = 0; i < readers.Length; i++) byTag[tags[i]] = [.. byTag.GetValueOrDefault(tags[i]) ?? [], readers[i]];
        client.Read(statement, row =>
        {
            if (!byTag.TryGetValue(SqlValues.ToLong(row[groups.Count]), out var targets)) return;
            foreach (var reader in targets) reader.Add(row);
        }, queries[0].Cancellation);
        return [.. readers.Select(r => r.Result(watch.Elapsed, statement.Text))];
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
            _ => throw new NotSupportedException($"{spec.Function?.Name ?? spec.Kind.ToString()} of {spec.Input} is not computed in {database} over DirectQuery; define the measure from sums, counts, minimums, maximums or distinct counts."),
        };
    }
}
