namespace Cuboid.Server.Json;

/// <summary>A member on an axis or in the slicer.</summary>
internal sealed record MemberJson(string UniqueName, string Name, string Caption, string LevelUniqueName, string HierarchyUniqueName, int Depth);

/// <summary>A position: a tuple of members.</summary>
internal sealed record PositionJson(IReadOnlyList<MemberJson> Members);

/// <summary>An axis: its positions (axis 0 = columns, 1 = rows).</summary>
internal sealed record AxisJson(IReadOnlyList<PositionJson> Positions);

/// <summary>A cell: ordinal = column + row × columns.</summary>
internal sealed record CellJson(int Ordinal, object? Value, string FormattedValue);

/// <summary>An MDX result as docs/server-api.md shapes it.</summary>
internal sealed record CellSetJson(IReadOnlyList<AxisJson> Axes, PositionJson Slicer, IReadOnlyList<CellJson> Cells)
{
    public static CellSetJson Of(CellSet cells) => new(
        [.. cells.Axes.Select(a => new AxisJson([.. a.Positions.Select(Position)]))],
        cells.Slicer.Positions.Count == 0 ? new PositionJson([]) : Position(cells.Slicer.Positions[0]),
        [.. cells.Cells.Select(c => new CellJson(c.Ordinal, Value(c.Value), c.FormattedValue))]);

    private static PositionJson Position(Position position) =>
        new([.. position.Members.Select(m => new MemberJson(m.UniqueName, m.Name, m.Caption, m.LevelUniqueName, m.HierarchyUniqueName, m.Depth))]);

    /// <summary>Numbers stay numbers; anything else (dates, arrays) is sent as its invariant text, as the formatted value would not be.</summary>
    private static object? Value(object? value) => value switch
    {
        null or double or long or int or float or bool or string or decimal => value,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>A drillthrough's columns and rows, and every fact row under its cell (<c>total</c>), of which the rows are a page.</summary>
internal sealed record DrillthroughJson(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, long Total)
{
    public static DrillthroughJson Of(QueryResult result) => new(
        [.. result.Columns.Select(c => c.Name)],
        [.. Enumerable.Range(0, result.RowCount).Select(r => result.Columns.Select(c => c[r] switch
        {
            null or double or long or int or float or bool or string => c[r],
            _ => (object?)c.Format(r),
        }).ToArray())],
        result.TotalRows ?? result.RowCount);
}
