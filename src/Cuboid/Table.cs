using Cuboid.Storage;

namespace Cuboid;

/// <summary>
/// A column-store table of a session: typed columns in immutable chunks, optional key columns
/// (a row with an existing key replaces the old one), joins to other tables. Partial files:
/// Table.Load.cs (loading, dropping), Table.Query.cs (reading), Table.Join.cs.
/// </summary>
public sealed partial class Table
{
    private readonly Column[] _columns;

    internal Table(Session session, TableStore store)
    {
        Session = session;
        Store = store;
        _columns = [.. store.Columns.Select(c => new Column(this, c))];
    }

    /// <summary>The session the table belongs to.</summary>
    public Session Session { get; }

    /// <summary>The table's name.</summary>
    public string Name => Store.Name;

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The key columns' names (empty for a table without keys).</summary>
    public IReadOnlyList<string> Keys => Store.Keys;

    /// <summary>The number of rows in the newest version.</summary>
    public long RowCount => Version.RowCount;

    /// <summary>The column named <paramref name="name"/>; an unknown name is an error listing the columns.</summary>
    public Column this[string name] =>
        _columns.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"Table '{Name}' has no column '{name}'. Its columns: {string.Join(", ", _columns.Select(c => c.Name))}.");

    internal TableStore Store { get; }

    /// <summary>The table in each scenario of the session (<see cref="Session.CreateScenario"/>).</summary>
    public TableScenarios Scenarios => new(this);

    internal TableVersion Version => Session.Current[Store];

    /// <inheritdoc/>
    public override string ToString() => $"Table '{Name}' ({RowCount} rows)";
}
