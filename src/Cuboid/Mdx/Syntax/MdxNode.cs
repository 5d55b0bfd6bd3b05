namespace Cuboid.Mdx.Syntax;

/// <summary>
/// A node of the MDX syntax tree. Every node knows its <see cref="Span"/> in the query text; use
/// <see cref="SourceText.GetLineColumn"/> for line:column. Record equality includes spans and compares lists by
/// reference; use <see cref="MdxSyntaxEquality"/> to compare trees structurally.
/// </summary>
internal abstract record MdxNode(TextSpan Span) : ILocated;

/// <summary>Anything an error can point at: a syntax node, or a bound calc (which points at its syntax).</summary>
internal interface ILocated
{
    TextSpan Span { get; }
}

/// <summary>A whole statement: <see cref="SelectStatement"/> or <see cref="DrillthroughStatement"/>.</summary>
internal abstract record MdxStatement(TextSpan Span) : MdxNode(Span);

/// <summary>
/// <c>[WITH …] SELECT axes FROM cube [WHERE slicer] [CELL PROPERTIES …]</c>. <see cref="Cube"/> and
/// <see cref="Where"/> are null when absent (the cube only in a query with syntax errors).
/// </summary>
internal sealed record SelectStatement(
    TextSpan Span,
    IReadOnlyList<WithItem> WithItems,
    IReadOnlyList<AxisSpecification> Axes,
    IdentifierNode? Cube,
    MdxExpression? Where,
    IReadOnlyList<IdentifierNode> CellProperties) : MdxStatement(Span);

/// <summary><c>DRILLTHROUGH [MAXROWS n] [FIRSTROWSET n] SELECT … [RETURN column, …]</c>.</summary>
internal sealed record DrillthroughStatement(
    TextSpan Span,
    int? MaxRows,
    int? FirstRowSet,
    SelectStatement Select,
    IReadOnlyList<MdxExpression> ReturnColumns) : MdxStatement(Span);

/// <summary>A calculated member or named set in the WITH clause.</summary>
internal abstract record WithItem(TextSpan Span, IdentifierNode Name, MdxExpression Expression, bool IsQuoted) : MdxNode(Span);

/// <summary>
/// <c>MEMBER name AS expr [, property = value]*</c>. When the formula was written in single quotes
/// (<see cref="WithItem.IsQuoted"/>) the expression is parsed from the quoted text and its spans still point into the query.
/// </summary>
internal sealed record WithMember(TextSpan Span, IdentifierNode Name, MdxExpression Expression, bool IsQuoted, IReadOnlyList<MemberProperty> Properties)
    : WithItem(Span, Name, Expression, IsQuoted)
{
    /// <summary>The property named <paramref name="name"/> (case-insensitive), e.g. SOLVE_ORDER or FORMAT_STRING.</summary>
    public MemberProperty? FindProperty(string name)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property;
        }
        return null;
    }
}

/// <summary><c>SET name AS expr</c>.</summary>
internal sealed record WithSet(TextSpan Span, IdentifierNode Name, MdxExpression Expression, bool IsQuoted)
    : WithItem(Span, Name, Expression, IsQuoted);

/// <summary>A calculated member property such as <c>SOLVE_ORDER = 2</c> or <c>FORMAT_STRING = '#.00'</c>.</summary>
internal sealed record MemberProperty(TextSpan Span, string Name, MdxExpression Value) : MdxNode(Span);

/// <summary>
/// <c>[NON EMPTY] set [DIMENSION PROPERTIES …] ON axis</c>. <see cref="Ordinal"/> is 0 for COLUMNS, 1 for ROWS…
/// (-1 when the axis name was invalid); <see cref="AxisNameSpan"/> locates the axis name.
/// </summary>
internal sealed record AxisSpecification(
    TextSpan Span,
    bool NonEmpty,
    MdxExpression Set,
    int Ordinal,
    TextSpan AxisNameSpan,
    IReadOnlyList<IdentifierNode> DimensionProperties) : MdxNode(Span)
{
    private static readonly string[] s_names = ["COLUMNS", "ROWS", "PAGES", "SECTIONS", "CHAPTERS"];

    /// <summary>COLUMNS, ROWS, PAGES, SECTIONS, CHAPTERS or AXIS(n).</summary>
    public string AxisName => NameOf(Ordinal);

    public static string NameOf(int ordinal) => ordinal >= 0 && ordinal < s_names.Length ? s_names[ordinal] : $"AXIS({ordinal})";

    /// <summary>The ordinal of a named axis (case-insensitive), or -1.</summary>
    public static int OrdinalOf(string name)
    {
        for (var i = 0; i < s_names.Length; i++)
        {
            if (string.Equals(s_names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    internal static IReadOnlyList<string> Names => s_names;
}
