using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// A bound expression (Mondrian's Calc): names resolved against the catalog, functions against their
/// signatures, with a static <see cref="Type"/> and the hierarchies it <see cref="DependsOn"/>. The binder
/// makes one per syntax node, once per query; evaluation walks calcs, never syntax. Errors point at
/// <see cref="Syntax"/>.
/// </summary>
internal abstract class Calc(MdxExpression syntax, MdxType type, Dependencies dependsOn) : ILocated
{
    public MdxExpression Syntax { get; } = syntax;

    public TextSpan Span => Syntax.Span;

    public MdxType Type { get; } = type;

    public Dependencies DependsOn { get; } = dependsOn;

    /// <summary>The value in <paramref name="context"/>; call it through <see cref="Evaluator.Evaluate(Calc, MdxContext)"/>, which guards the stack and the time limit.</summary>
    public abstract object? Evaluate(Evaluator evaluator, MdxContext context);

    /// <summary>The calc inside any parentheses.</summary>
    public Calc Unwrapped() => this is ParenthesizedCalc p ? p.Inner.Unwrapped() : this;
}
