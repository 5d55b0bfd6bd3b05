using Cuboid.Mdx.Syntax;

namespace Cuboid.ModelFiles;

/// <summary>
/// A measure computed from other measures of the cube (<c>[Measures].[Store Sales] - [Measures].[Store Cost]</c>):
/// measure names, numbers, + - * / and parentheses. Unlike a calculated member it is a real
/// measure, usable in <see cref="Cube.Query"/> as well as in MDX.
/// </summary>
internal static class MeasureFormulaBinder
{
    public static Measure Bind(ModelContext context, Cube cube, string text, string path)
    {
        var parsed = MdxParser.ParseExpression(text);
        if (parsed.HasErrors) throw context.Error(path, $"'{text}': {string.Join("; ", parsed.Diagnostics.Select(d => d.ToString()))}");
        return Bind(parsed.Expression);

        Measure Bind(MdxExpression e) => e switch
        {
            NumberLiteral n => Measure.FromDouble(n.Value),
            IdentifierNode id => Named(id),
            ParenthesizedExpression p => Bind(p.Inner),
            UnaryExpression { Operator: UnaryOperator.Minus } u => -Bind(u.Operand),
            UnaryExpression { Operator: UnaryOperator.Plus } u => Bind(u.Operand),
            BinaryExpression { Operator: BinaryOperator.Add } b => Bind(b.Left) + Bind(b.Right),
            BinaryExpression { Operator: BinaryOperator.Subtract } b => Bind(b.Left) - Bind(b.Right),
            BinaryExpression { Operator: BinaryOperator.Multiply } b => Bind(b.Left) * Bind(b.Right),
            BinaryExpression { Operator: BinaryOperator.Divide } b => Bind(b.Left) / Bind(b.Right),
            _ => throw context.Error(path, $"'{parsed.Source[e.Span]}' is not supported in a measure formula (measures, numbers, + - * /); use a calculated member for MDX functions."),
        };

        Measure Named(IdentifierNode id)
        {
            var segments = id.Segments;
            var isMeasure = segments.Count == 1 || (segments.Count == 2 && string.Equals(segments[0].Name, "Measures", StringComparison.OrdinalIgnoreCase));
            if (!isMeasure || segments[^1].IsKey) throw context.Error(path, $"'{parsed.Source[id.Span]}' is not a measure name such as [Measures].[Store Sales].");
            var name = segments[^1].Name;
            if (!cube.Measures.Contains(name))
            {
                throw context.Error(path, $"unknown measure '{name}' (the measures defined before this one: {string.Join(", ", cube.Measures.Select(m => m.Name))}).");
            }
            return cube.Measures[name];
        }
    }
}
