namespace Cuboid.Storage;

/// <summary>What a table knows of one of its columns; shared by every version of the table.</summary>
internal sealed class ColumnSchema
{
    public ColumnSchema(string name, DataType type, object? defaultValue, int index)
    {
        Name = name;
        Type = type;
        DefaultValue = defaultValue;
        Index = index;
        Dictionary = type == DataType.String ? new StringDictionary() : null;
    }

    public string Name { get; }
    public DataType Type { get; }
    public int Index { get; }

    /// <summary>Replaces null on load; null itself means the column keeps nulls.</summary>
    public object? DefaultValue { get; }

    public bool Nullable => DefaultValue is null;

    /// <summary>The column-wide string dictionary; null for other types.</summary>
    public StringDictionary? Dictionary { get; }
}
