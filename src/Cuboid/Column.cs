using Cuboid.Storage;

namespace Cuboid;

/// <summary>A column of a <see cref="Table"/>: <c>table["Price"]</c>. Also a row-level expression.</summary>
public sealed class Column : ColumnExpression
{
    internal Column(Table table, ColumnSchema schema)
    {
        Table = table;
        Schema = schema;
    }

    /// <summary>The table the column belongs to.</summary>
    public Table Table { get; }

    /// <summary>The column's name.</summary>
    public string Name => Schema.Name;

    /// <inheritdoc/>
    public override DataType DataType => Schema.Type;

    /// <summary>The value that replaces null on load (null: the column keeps nulls).</summary>
    public object? DefaultValue => Schema.DefaultValue;

    /// <summary>True when the column is one of the table's keys.</summary>
    public bool IsKey => Table.Keys.Contains(Name);

    internal ColumnSchema Schema { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Table.Name}[{Name}]";

    internal override IEnumerable<Column> Columns() => [this];
}
