namespace Cuboid;

/// <summary>
/// The result of an MDX query as olap4j and XMLA shape it: axes of positions (tuples of
/// members) and a flat array of cells, ordinal = Σ position_i × Π (size of axes below i).
/// </summary>
[Notebooks.TypeFormatterSource(typeof(Notebooks.NotebookFormatters))]
public sealed class CellSet
{
    internal CellSet(IReadOnlyList<CellSetAxis> axes, CellSetAxis slicer, IReadOnlyList<Cell> cells)
    {
        Axes = axes;
        Slicer = slicer;
        Cells = cells;
    }

    /// <summary>The query axes: 0 = COLUMNS, 1 = ROWS, 2 = PAGES, …</summary>
    public IReadOnlyList<CellSetAxis> Axes { get; }

    /// <summary>
    /// The slicer axis (the WHERE clause): one position per tuple of the slicer — one empty position
    /// without a WHERE clause, none when the slicer is an empty set (every stored cell is then empty).
    /// </summary>
    public CellSetAxis Slicer { get; }

    /// <summary>All cells in ordinal order.</summary>
    public IReadOnlyList<Cell> Cells { get; }

    /// <summary>The cube the query read (its FROM clause).</summary>
    public string Cube { get; init; } = "";

    /// <summary>The CELL PROPERTIES the query asked for (empty when it named none: VALUE and FORMATTED_VALUE).</summary>
    public IReadOnlyList<string> CellProperties { get; init; } = [];

    /// <summary>The cell at the given position on each axis (column first).</summary>
    public Cell this[params int[] coordinates]
    {
        get
        {
            if (coordinates.Length != Axes.Count) throw new ArgumentException($"A cell of this cell set has {Axes.Count} coordinates, not {coordinates.Length}.", nameof(coordinates));
            var ordinal = 0;
            var stride = 1;
            for (var a = 0; a < coordinates.Length; a++)
            {
                ordinal += coordinates[a] * stride;
                stride *= Axes[a].Positions.Count;
            }
            return Cells[ordinal];
        }
    }
}

/// <summary>One axis of a cell set: its positions.</summary>
public sealed class CellSetAxis(int ordinal, string name, IReadOnlyList<Position> positions)
{
    /// <summary>0 for COLUMNS, 1 for ROWS…; -1 for the slicer.</summary>
    public int Ordinal { get; } = ordinal;

    /// <summary>COLUMNS, ROWS, PAGES… or SLICER.</summary>
    public string Name { get; } = name;

    /// <summary>The positions (tuples) along the axis.</summary>
    public IReadOnlyList<Position> Positions { get; } = positions;
}

/// <summary>A position on an axis: a tuple of members, one per hierarchy of the axis.</summary>
public sealed class Position(int ordinal, IReadOnlyList<Member> members)
{
    /// <summary>The position's index on its axis.</summary>
    public int Ordinal { get; } = ordinal;

    /// <summary>The members of the tuple.</summary>
    public IReadOnlyList<Member> Members { get; } = members;

    /// <inheritdoc/>
    public override string ToString() => Members.Count == 1 ? Members[0].UniqueName : "{" + string.Join(", ", Members.Select(m => m.UniqueName)) + "}";
}

/// <summary>A member as a result shows it.</summary>
public sealed record Member(string UniqueName, string Name, string Caption, string HierarchyUniqueName, string LevelUniqueName, int Depth, bool IsCalculated = false)
{
    /// <summary>The parent's unique name; null for a member of the top level, an All member or a measure.</summary>
    public string? ParentUniqueName { get; init; }

    /// <summary>Whether this is a hierarchy's All member.</summary>
    public bool IsAll { get; init; }

    /// <summary>How many children the member has (with <see cref="QueryOptions.MemberChildCounts"/>; 0 otherwise).</summary>
    public int ChildCount { get; init; }

    /// <summary>The properties DIMENSION PROPERTIES asked for on this member's axis (empty otherwise).</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();

    /// <inheritdoc/>
    public override string ToString() => UniqueName;
}

/// <summary>A cell: its ordinal, raw value (null when empty) and formatted value.</summary>
public sealed record Cell(int Ordinal, object? Value, string FormattedValue)
{
    /// <summary>True when the cell has no value.</summary>
    public bool IsEmpty => Value is null;

    /// <summary>The format string the formatted value was made with (the measure's, or a calculated member's FORMAT_STRING); null for none.</summary>
    public string? FormatString { get; init; }
}
