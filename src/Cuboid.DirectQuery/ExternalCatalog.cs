using System.Collections;

namespace Cuboid;

/// <summary>A column of a database table: its name, its type as the database names it, and the Cuboid type its values take.</summary>
public sealed record ExternalColumn(string Name, string SqlType, DataType DataType);

/// <summary>A table (or view) of an external database, as its catalog describes it.</summary>
public sealed class ExternalTableInfo
{
    internal ExternalTableInfo(ExternalDatabase database, string schema, string name, IReadOnlyList<ExternalColumn> columns, IReadOnlyList<string> unsupported)
    {
        Database = database;
        Schema = schema;
        Name = name;
        Columns = columns;
        UnsupportedColumns = unsupported;
    }

    /// <summary>The database it belongs to.</summary>
    public ExternalDatabase Database { get; }

    /// <summary>Its schema ("public", "main"; the database's name for ClickHouse).</summary>
    public string Schema { get; }

    /// <summary>Its name in the schema.</summary>
    public string Name { get; }

    /// <summary>Its columns of a type Cuboid reads, in order.</summary>
    public IReadOnlyList<ExternalColumn> Columns { get; }

    /// <summary>Columns of types Cuboid has no counterpart for ("name (type)"); they are left out.</summary>
    public IReadOnlyList<string> UnsupportedColumns { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Schema}.{Name}";
}

/// <summary>The tables of an external database by schema and name: <c>db.Tables["public", "sales"]</c>, or <c>db.Tables["sales"]</c> when one schema has it.</summary>
public sealed class ExternalTableCollection : IReadOnlyCollection<ExternalTableInfo>
{
    private readonly List<ExternalTableInfo> _tables;
    private readonly string _database;

    internal ExternalTableCollection(List<ExternalTableInfo> tables, string database)
    {
        _tables = tables;
        _database = database;
    }

    /// <summary>The table <paramref name="name"/> of <paramref name="schema"/>; an unknown one is an error listing those there are.</summary>
    public ExternalTableInfo this[string schema, string name] =>
        _tables.FirstOrDefault(t => t.Schema == schema && t.Name == name)
        ?? throw new KeyNotFoundException($"{_database} has no table {schema}.{name}. Its tables: {List()}.");

    /// <summary>The table named <paramref name="name"/> in whichever schema has it (an error when none or several do).</summary>
    public ExternalTableInfo this[string name]
    {
        get
        {
            var found = _tables.Where(t => t.Name == name).ToList();
            return found.Count switch
            {
                1 => found[0],
                0 => throw new KeyNotFoundException($"{_database} has no table {name}. Its tables: {List()}."),
                _ => throw new KeyNotFoundException($"{_database} has a table {name} in several schemas ({string.Join(", ", found.Select(t => t.Schema))}); name the schema."),
            };
        }
    }

    /// <inheritdoc/>
    public int Count => _tables.Count;

    /// <inheritdoc/>
    public IEnumerator<ExternalTableInfo> GetEnumerator() => _tables.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string List() => _tables.Count == 0 ? "none" : string.Join(", ", _tables.Take(50).Select(t => t.ToString())) + (_tables.Count > 50 ? ", …" : "");
}
