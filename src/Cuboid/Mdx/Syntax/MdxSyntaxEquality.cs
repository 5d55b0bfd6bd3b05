namespace Cuboid.Mdx.Syntax;

/// <summary>
/// Structural comparison of syntax trees that ignores spans (records compare spans and list references, which is
/// never what a test or a cache wants). Names compare ordinally; keywords, function names and member property
/// names case-insensitively, since MDX treats them so.
/// </summary>
internal static class MdxSyntaxEquality
{
    /// <summary>
    /// True when both trees have the same shape and content. With <paramref name="ignoreQuoting"/>, <c>Name</c> and
    /// <c>[Name]</c> are the same segment (keys still differ from names).
    /// </summary>
    public static bool AreEquivalent(MdxNode? a, MdxNode? b, bool ignoreQuoting = false) => new Comparer(ignoreQuoting).Equal(a, b);

    private sealed class Comparer(bool ignoreQuoting)
    {
        public bool Equal(MdxNode? a, MdxNode? b)
        {
            if (a is null || b is null) return a is null && b is null;
            if (a.GetType() != b.GetType()) return false;
            return (a, b) switch
            {
                (SelectStatement x, SelectStatement y) => List(x.WithItems, y.WithItems) && List(x.Axes, y.Axes)
                    && Equal(x.Cube, y.Cube) && Equal(x.Where, y.Where) && List(x.CellProperties, y.CellProperties),
                (DrillthroughStatement x, DrillthroughStatement y) => x.MaxRows == y.MaxRows && x.FirstRowSet == y.FirstRowSet
                    && Equal(x.Select, y.Select) && List(x.ReturnColumns, y.ReturnColumns),
                (WithMember x, WithMember y) => WithItem(x, y) && List(x.Properties, y.Properties),
                (WithSet x, WithSet y) => WithItem(x, y),
                (MemberProperty x, MemberProperty y) => Same(x.Name, y.Name) && Equal(x.Value, y.Value),
                (AxisSpecification x, AxisSpecification y) => x.NonEmpty == y.NonEmpty && x.Ordinal == y.Ordinal
                    && Equal(x.Set, y.Set) && List(x.DimensionProperties, y.DimensionProperties),
                (IdentifierNode x, IdentifierNode y) => Segments(x.Segments, y.Segments),
                (FunctionCall x, FunctionCall y) => Same(x.Name, y.Name) && List(x.Arguments, y.Arguments),
                (MethodCall x, MethodCall y) => Same(x.Name, y.Name) && Equal(x.Target, y.Target) && List(x.Arguments, y.Arguments),
                (PropertyAccess x, PropertyAccess y) => Segment(x.Property, y.Property) && Equal(x.Target, y.Target),
                (SetLiteral x, SetLiteral y) => List(x.Elements, y.Elements),
                (TupleLiteral x, TupleLiteral y) => List(x.Elements, y.Elements),
                (ParenthesizedExpression x, ParenthesizedExpression y) => Equal(x.Inner, y.Inner),
                (RangeExpression x, RangeExpression y) => Equal(x.Start, y.Start) && Equal(x.End, y.End),
                (UnaryExpression x, UnaryExpression y) => x.Operator == y.Operator && Equal(x.Operand, y.Operand),
                (BinaryExpression x, BinaryExpression y) => x.Operator == y.Operator && Equal(x.Left, y.Left) && Equal(x.Right, y.Right),
                (CaseExpression x, CaseExpression y) => Equal(x.Operand, y.Operand) && List(x.Whens, y.Whens) && Equal(x.Else, y.Else),
                (CaseWhen x, CaseWhen y) => Equal(x.When, y.When) && Equal(x.Then, y.Then),
                (AliasExpression x, AliasExpression y) => Equal(x.Expression, y.Expression) && Equal(x.Alias, y.Alias),
                (NumberLiteral x, NumberLiteral y) => x.Value.Equals(y.Value),
                (StringLiteral x, StringLiteral y) => x.Value == y.Value,
                (NullLiteral or EmptyExpression or ErrorExpression, _) => true,
                _ => throw new ArgumentOutOfRangeException(nameof(a), a.GetType().Name),
            };
        }

        private bool WithItem(WithItem x, WithItem y) => x.IsQuoted == y.IsQuoted && Equal(x.Name, y.Name) && Equal(x.Expression, y.Expression);

        private bool List<T>(IReadOnlyList<T> x, IReadOnlyList<T> y)
            where T : MdxNode
        {
            if (x.Count != y.Count) return false;
            for (var i = 0; i < x.Count; i++)
            {
                if (!Equal(x[i], y[i])) return false;
            }
            return true;
        }

        private bool Segments(IReadOnlyList<IdentifierSegment> x, IReadOnlyList<IdentifierSegment> y)
        {
            if (x.Count != y.Count) return false;
            for (var i = 0; i < x.Count; i++)
            {
                if (!Segment(x[i], y[i])) return false;
            }
            return true;
        }

        private bool Segment(IdentifierSegment x, IdentifierSegment y) =>
            x.Name == y.Name && x.IsKey == y.IsKey && (ignoreQuoting || x.IsQuoted == y.IsQuoted);

        private static bool Same(string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
    }
}
