using Cuboid.Model;

namespace Cuboid.DirectQuery.Sql;

/// <summary>
/// The FROM clause of a statement over a cube's fact table and the tables it reaches: each table
/// a column is read from is joined along its path (snowflakes through their middle tables), with
/// the tables a fact row must reach (mandatory joins) always joined, as INNER JOINs. Columns are
/// named through <see cref="Column"/>; the clause is written last, when every column is known,
/// since a database with one JOIN per SELECT (ClickHouse 18) gets nested subqueries that list them.
/// </summary>
internal sealed class StarQuery
{
    private readonly JoinGraph _graph;
    private readonly Dialects.SqlDialect _dialect;
    private readonly List<Table> _tables = [];
    private readonly Dictionary<Table, SortedSet<string>> _columns = [];

    public StarQuery(CubeSnapshot snapshot, IEnumerable<Table> mandatory, Dialects.SqlDialect dialect)
    {
        // SQL joins multiply a fact by its matches: a many-to-many join would add it up once per match.
        if (snapshot.FirstMany is { } many) throw many.ReadThrough("a DirectQuery cube's SQL");
        var graph = snapshot.Graph;
        _graph = graph;
        _dialect = dialect;
        Include(graph.Fact);
        foreach (var table in mandatory) Include(table);
    }

    /// <summary>A column, joining its table if it is not yet.</summary>
    public string Column(Column column)
    {
        var alias = Include(column.Table);
        _columns[column.Table].Add(column.Name);
        return Reference(alias, column.Name);
    }

    private string Reference(int alias, string column) =>
        _dialect.OneJoinPerSelect ? _dialect.Quote($"t{alias}.{column}") : $"t{alias}.{_dialect.Quote(column)}";

    private int Include(Table table)
    {
        var known = _tables.IndexOf(table);
        if (known >= 0) return known;
        foreach (var join in _graph.PathTo(table))
        {
            if (_tables.Contains(join.Target)) continue;
            _tables.Add(join.Target);
            _columns[join.Target] = [];
            foreach (var (source, target) in join.Columns)
            {
                _columns[join.Source].Add(source.Name);
                _columns[join.Target].Add(target.Name);
            }
        }
        if (table == _graph.Fact)
        {
            _tables.Add(table);
            _columns[table] = [];
        }
        return _tables.IndexOf(table);
    }

    /// <summary>The clause's body (after FROM).</summary>
    public string From()
    {
        // Joins in path order: a table's source is joined before it.
        var order = _tables.OrderBy(t => _graph.PathTo(t).Length).ToList();
        if (_dialect.OneJoinPerSelect) return Nested(order);
        var from = new System.Text.StringBuilder($"{NameOf(_graph.Fact)} t{_tables.IndexOf(_graph.Fact)}");
        foreach (var table in order.Skip(1))
        {
            var join = _graph.PathTo(table)[^1];
            from.Append(join.Optionality == TargetOptionality.Mandatory ? " INNER JOIN " : " LEFT JOIN ")
                .Append(NameOf(table)).Append(" t").Append(_tables.IndexOf(table))
                .Append(" ON ").Append(On(join));
        }
        return from.ToString();
    }

    private string Nested(List<Table> order)
    {
        string Select(Table table)
        {
            var alias = _tables.IndexOf(table);
            var columns = _columns[table].Count == 0 ? ["1"] : _columns[table].Select(c => $"{_dialect.Quote(c)} AS {Reference(alias, c)}");
            return $"(SELECT {string.Join(", ", columns)} FROM {NameOf(table)})";
        }
        var from = Select(order[0]);
        foreach (var table in order.Skip(1))
        {
            var join = _graph.PathTo(table)[^1];
            // ANY: a fact row takes one row of a dimension, as the dimension's keys are unique in memory.
            from = $"(SELECT * FROM {from} ANY {(join.Optionality == TargetOptionality.Mandatory ? "INNER" : "LEFT")} JOIN {Select(table)} ON {On(join)})";
        }
        return from;
    }

    private string On(JoinDefinition join) =>
        string.Join(" AND ", join.Columns.Select(p => $"{Reference(_tables.IndexOf(join.Source), p.Source.Name)} = {Reference(_tables.IndexOf(join.Target), p.Target.Name)}"));

    private static string NameOf(Table table) =>
        table.Store.External is ExternalTable external ? external.SqlName
        : throw new InvalidOperationException($"Table '{table.Name}' is in memory; a cube over an external table reads only tables of its database.");
}
