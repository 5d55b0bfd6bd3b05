using Cuboid.Aggregation;
using Cuboid.DirectQuery.Sql;
using Cuboid.Loading;
using Cuboid.Model;

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

    /// <summary>Every row of the table's columns, read as a load reads them (a value a column cannot take rejects its row).</summary>
    public LoadResult ReadRows()
    {
        var dialect = Database.Client.Dialect;
        var statement = new SqlStatement($"SELECT {string.Join(", ", Columns.Select(c => dialect.Quote(c.Name)))} FROM {SqlName}", []);
        var writer = new TableWriter(Table.Store, progress: null);
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
        }, CancellationToken.None);
        Flush();
        return writer.Result();
    }
}
