using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// A value known at bind time: a literal, or a name the catalog resolves (a member, level, hierarchy or
/// dimension). As a member it depends on nothing; read as a cell value, the function that reads it depends on all.
/// </summary>
internal sealed class ConstantCalc(MdxExpression syntax, object? value) : Calc(syntax, MdxTypes.Of(value), Dependencies.None)
{
    public object? Value { get; } = value;

    public override object? Evaluate(Evaluator evaluator, MdxContext context) => Value;
}

/// <summary>
/// A measure named in the query (<c>[Measures].[Unit Sales]</c>, or a calculated one): the specialization the
/// bulk paths look for — Order's and TopCount's keys, Sum's and Aggregate's values, a calculated measure's
/// compiled formula — to read its cells for a whole set at once instead of evaluating per tuple.
/// </summary>
internal sealed class MeasureCalc(MdxExpression syntax, MdxMember measure) : Calc(syntax, MdxType.Member, Dependencies.None)
{
    public MdxMember Measure { get; } = measure;

    public override object? Evaluate(Evaluator evaluator, MdxContext context) => Measure;
}

/// <summary>An omitted argument, as in <c>Descendants(m, , LEAVES)</c>: empty.</summary>
internal sealed class OmittedCalc(MdxExpression syntax) : Calc(syntax, MdxType.Empty, Dependencies.None)
{
    public override object? Evaluate(Evaluator evaluator, MdxContext context) => null;
}

/// <summary>
/// A bare word that names nothing in the cube (DESC, RECURSIVE, SELF_AND_AFTER…): a keyword to the function
/// that takes it; evaluated as a value, it fails as the unknown name it is.
/// </summary>
internal sealed class SymbolCalc(IdentifierNode syntax, MdxEvaluationException unknown) : Calc(syntax, MdxType.Symbol, Dependencies.None)
{
    public string Name { get; } = syntax.Segments[0].Name;

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public override object? Evaluate(Evaluator evaluator, MdxContext context) => throw unknown;
}

/// <summary>Where the parser recovered from a syntax error: evaluating it reports that.</summary>
internal sealed class ErrorCalc(MdxExpression syntax) : Calc(syntax, MdxType.Unknown, Dependencies.Everything)
{
    public override object? Evaluate(Evaluator evaluator, MdxContext context) =>
        throw evaluator.Error(this, MdxErrorCodes.SyntaxErrorReached, "The query has a syntax error here.");
}

/// <summary>
/// A set that depends on no hierarchy's current member and reads no cell (<c>{[Gender].[F], [Gender].[M]}</c>,
/// <c>Descendants([Store].[USA], [Store City])</c>): evaluated once per query however many cells use it.
/// </summary>
internal sealed class ConstantSetCalc(Calc inner) : Calc(inner.Syntax, inner.Type, Dependencies.None)
{
    private object? _value;
    private bool _known;

    public Calc Inner { get; } = inner;

    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        if (_known) return _value;
        _value = evaluator.Evaluate(Inner, context);
        _known = true;
        return _value;
    }
}
