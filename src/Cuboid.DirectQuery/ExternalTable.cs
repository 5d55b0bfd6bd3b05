using Cuboid.Aggregation;
using Cuboid.DirectQuery.Sql;
using Cuboid.Loading;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.DirectQuery;

/// <summary>
/// A session table bound to a database table: its name there, the columns read, and, once another
/// table joins it, its rows mirrored in memory (what its hierarchies' members, captions and
/// properties come from). As a fact table it answers aggregations with SQL.
/// </summary>
internal sealed class ExternalTable : IExternalTable
{
    private readonly Lock _lock = new();

    public ExternalTable(ExternalDatabase database, ExternalTableInfo info, IReadOnlyList<ExternalColumn> columns)
    {
        Database = database;
        Info = info;
        Columns = columns;
        Aggregates = new SqlAggregates(this);
        Members = new FactMembers(this);
    }

    public ExternalDatabase Database { get; }

    public ExternalTableInfo Info { get; }

    public IReadOnlyList<ExternalColumn> Columns { get; }

    /// <summary>The session table (set right after it is created).</summary>
    public Table Table { get; set; } = null!;

    public bool Mirrored { get; private set; }

    public FactMembers Members { get; }

    public string SqlName => Database.Client.Dialect.QualifiedName(Info.Schema, Info.Name);

    public string Description => $"the external table {Info} of {Database.Description}";

    public IAggregateSource Aggregates { get; }

    public void Mirror()
    {
        lock (_lock)
        {
            if (Mirrored) return;
            Table.ReplaceRows(ReadRows());
            Mirrored = true;
        }
    }

    public void CheckJoin(Table target)
    {
        if (target.Store.External is ExternalTable other && other.Database == Database) return;
        throw new ArgumentException($"Table '{Table.Name}' is {Description}: it can join only tables of the same database, and '{target.Name}' is {(target.Store.External is { } e ? e.Description : "a table in memory")}.", nameof(target));
    }

    public void PrepareMembers(Cube cube, CubeSnapshot snapshot, HierarchyIndex index) => Members.Prepare(cube, snapshot, index);

    public bool HasUnmatched(CubeSnapshot snapshot, Table table)
    {
        // A row the LEFT JOIN did not match reads NULL in the joined key column.
        var dialect = Database.Client.Dialect;
        var star = new StarQuery(snapshot, [], dialect);
        var key = star.Column(snapshot.Graph.PathTo(table)[^1].Columns[0].Target);
        var statement = new SqlStatement($"SELECT 1 FROM {star.From()} WHERE {key} IS NULL{dialect.Limit(0, 1)}", []);
        return Database.Client.Rows(statement).Count > 0;
    }

    /// <summary>Every row of the table's columns, read as a load reads them (a value a column cannot take rejects its row).</summary>
    public LoadResult ReadRows()
    {
        var dialect = Database.Client.Dialect;
        return Read(new SqlStatement($"SELECT {string.Join(", ", Columns.Select(c => dialect.Quote(c.Name)))} FROM {SqlName}", []), Table.Store, CancellationToken.None);
    }

    public (List<int> Rows, long Total, CubeSnapshot Data) Drillthrough(Cube cube, CubeSnapshot snapshot, Condition? filter, int offset, int maxRows, CancellationToken cancellation)
    {
        cube.Prepare(snapshot, cube.Hierarchies);
        var client = Database.Client;
        var writer = new SqlWriter(client.Dialect);
        var star = new StarQuery(snapshot, snapshot.MandatoryTables, client.Dialect);
        var sql = new SqlExpressions(star, writer, cube.IndexOf);
        var columns = string.Join(", ", Table.Columns.Select(star.Column));
        var where = filter is null ? "" : " WHERE " + sql.Condition(filter);
        var from = star.From();
        var total = SqlValues.ToLong(client.Rows(writer.Statement($"SELECT COUNT(*) FROM {from}{where}"), cancellation)[0][0]);
        // The database's order: a drillthrough shows rows, it does not sort them.
        var page = writer.Statement($"SELECT {columns} FROM {from}{where}{client.Dialect.Limit(offset, maxRows)}");
        var scratch = new TableStore(Table.Name, Table.Store.Columns, []);
        var read = Read(page, scratch, cancellation);
        if (read.Rejected.Count > 0) throw new ExternalDatabaseException($"{Description} returned a row Cuboid cannot read: {read.Rejected[0]}.");
        var version = scratch.Append(TableVersion.Empty, read.Batches, snapshot.Epoch, snapshot.Data.CommittedAt.Ticks);
        var data = new DataVersion(snapshot.Epoch, snapshot.Data.Tables.SetItem(Table.Store, version), snapshot.Data.CommittedAt);
        return ([.. version.LiveRows()], total, cube.SnapshotOf(data));
    }

    /// <summary>A statement's rows (the table's columns, in order) as a load into <paramref name="store"/> reads them.</summary>
    private LoadResult Read(SqlStatement statement, TableStore store, CancellationToken cancellation)
    {
        var writer = new TableWriter(store, progress: null);
        const int segment = 8192;
        var buffers = Columns.Select(_ => new object?[segment]).ToArray();
        var (rows, order, first) = (0, 0L, 0L);
        void Flush()
        {
            if (rows == 0) return;
            writer.Write(order++, Description, first, rows, buffers);
            first += rows;
            rows = 0;
            for (var c = 0; c < buffers.Length; c++) buffers[c] = new object?[segment];
        }
        Database.Client.Read(statement, values =>
        {
            for (var c = 0; c < values.Length; c++) buffers[c][rows] = SqlValues.ToColumn(values[c], Columns[c].DataType);
            if (++rows == segment) Flush();
        }, cancellation);
        Flush();
        return writer.Result();
    }
}
