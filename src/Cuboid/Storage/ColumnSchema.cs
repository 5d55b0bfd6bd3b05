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

    private readonly Dictionary<(long Base, double Divisor), double[]> _decodeTables = [];

    /// <summary>
    /// The doubles (base + k) / divisor for k below <paramref name="size"/> at least, shared by the
    /// packed chunks of this column with that base and divisor (<see cref="PackedData"/>): a scan then
    /// looks each value up instead of dividing. Grows to the largest range asked; older chunks keep the smaller array.
    /// </summary>
    public double[] DecodeTable(long @base, double divisor, int size)
    {
        lock (_decodeTables)
        {
            if (_decodeTables.TryGetValue((@base, divisor), out var known) && known.Length >= size) return known;
            var table = new double[size];
            for (var k = 0; k < size; k++) table[k] = (@base + k) / divisor;
            return _decodeTables[(@base, divisor)] = table;
        }
    }

    /// <summary>The bytes of the shared decode tables.</summary>
    public long DecodeTableBytes
    {
        get { lock (_decodeTables) return _decodeTables.Values.Sum(t => 8L * t.Length); }
    }
}
