using System.Globalization;
using Cuboid.Results;

namespace Cuboid;

/// <summary>What a result column holds.</summary>
public enum ColumnRole
{
    /// <summary>The members of a level (cube queries).</summary>
    Level,
    /// <summary>The values of a measure (cube queries).</summary>
    Measure,
    /// <summary>A table column (table queries).</summary>
    Column,
}

/// <summary>One column of a <see cref="QueryResult"/>: typed values (a <c>double?[]</c>, <c>string?[]</c>, …), a name and a formatter.</summary>
public sealed class ResultColumn
{
    private readonly Formatter? _formatter;

    private readonly string[]? _formattedValues;

    internal ResultColumn(string name, ColumnRole role, Type clrType, Array values, string? formatter = null, string[]? formattedValues = null)
    {
        _formattedValues = formattedValues;
        Name = name;
        Role = role;
        ClrType = clrType;
        Values = values;
        Formatter = formatter;
        _formatter = formatter is null ? null : FormatString.Compile(formatter);
    }

    /// <summary>The level, measure or column name.</summary>
    public string Name { get; }

    /// <summary>Level, measure or table column.</summary>
    public ColumnRole Role { get; }

    /// <summary>The type of the values (not nullable): <c>double</c>, <c>long</c>, <c>string</c>, <c>DateOnly</c>, …</summary>
    public Type ClrType { get; }

    /// <summary>The values: an array of <see cref="ClrType"/>, nullable for value types.</summary>
    public Array Values { get; }

    /// <summary>The measure's format string, if any.</summary>
    public string? Formatter { get; }

    /// <summary>The number of values.</summary>
    public int Count => Values.Length;

    /// <summary>The value at <paramref name="row"/>, boxed; null for an empty cell.</summary>
    public object? this[int row] => Values.GetValue(row);

    /// <summary>The value at <paramref name="row"/> as a double, or null.</summary>
    public double? GetDouble(int row) => this[row] switch
    {
        null => null,
        double d => d,
        long l => l,
        int i => i,
        float f => f,
        var other => Convert.ToDouble(other, CultureInfo.InvariantCulture),
    };

    /// <summary>The value at <paramref name="row"/> as <typeparamref name="T"/>.</summary>
    public T? Get<T>(int row) => (T?)this[row];

    /// <summary>The value as text: through the formatter for measures, invariant otherwise; "" for null.</summary>
    public string Format(int row)
    {
        if (_formattedValues is not null) return _formattedValues[row];
        var value = this[row];
        if (_formatter is not null) return _formatter.Format(value);
        return value switch
        {
            null => "",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            double x => x.ToString("G15", CultureInfo.InvariantCulture),
            float f => f.ToString("G7", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            System.Collections.IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture))) + "]",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Role}, {ClrType.Name}, {Count} values)";
}

/// <summary>
/// A tabular query result: for cube queries, level columns then measure columns (as Atoti's
/// DataFrames); for table queries, the table's columns. Printing it gives a formatted text table.
/// </summary>
[Notebooks.TypeFormatterSource(typeof(Notebooks.NotebookFormatters))]
public sealed class QueryResult
{
    private readonly bool[] _totals;

    internal QueryResult(IReadOnlyList<ResultColumn> columns, bool[]? totalRows = null)
    {
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Count;
        _totals = totalRows ?? new bool[RowCount];
    }

    /// <summary>For an MDX query, the cell set behind the table (axes, positions, cells); null otherwise.</summary>
    public CellSet? CellSet { get; init; }

    /// <summary>For a drillthrough, every fact row under its cell, before MAXROWS and the offset cut them; null otherwise.</summary>
    public long? TotalRows { get; init; }

    /// <summary>The columns: levels first, then measures.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The column named <paramref name="name"/>.</summary>
    public ResultColumn Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"The result has no column '{name}'. Its columns: {string.Join(", ", Columns.Select(c => c.Name))}.");

    /// <summary>The value at a row of a named column.</summary>
    public object? this[int row, string column] => Column(column)[row];

    /// <summary>True when <paramref name="row"/> is a total or subtotal row (includeTotals).</summary>
    public bool IsTotal(int row) => _totals[row];

    /// <summary>The rows as arrays of values in column order.</summary>
    public IEnumerable<object?[]> Rows()
    {
        for (var r = 0; r < RowCount; r++)
        {
            var row = new object?[Columns.Count];
            for (var c = 0; c < row.Length; c++) row[c] = Columns[c][r];
            yield return row;
        }
    }

    /// <summary>A text table with formatted values; total rows say "Total".</summary>
    public override string ToString() => TextTable.Render(this);
}
