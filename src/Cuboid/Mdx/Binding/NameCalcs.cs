using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// A name whose first part is an alias (<c>Filter(… AS t, t.Current …)</c>) or a named set: what it means is
/// known only as it is evaluated. In a context where the alias is bound, its value followed by
/// <see cref="Rest"/>; a named set's value; otherwise the name as the catalog resolves it
/// (<see cref="Binder.BindCatalogName"/>, bound on first use).
/// </summary>
internal sealed class NameCalc(IdentifierNode syntax, Calc rest, Binder binder) : Calc(syntax, MdxType.Unknown, Dependencies.Everything)
{
    private Calc? _catalogName;

    public string Head { get; } = syntax.Segments[0].Name;

    /// <summary>The name bound over <see cref="AliasCalc"/>: its later segments as steps and property calls.</summary>
    public Calc Rest { get; } = rest;

    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        var id = (IdentifierNode)Syntax;
        if (context.Aliases.ContainsKey(Head)) return evaluator.Evaluate(Rest, context);
        if (id.Segments.Count == 1 && binder.NamedSets.TryGetValue(Head, out var set)) return evaluator.NamedSet(Head, set, id, context);
        _catalogName ??= binder.BindCatalogName(id);
        return evaluator.Evaluate(_catalogName, context);
    }
}

/// <summary>The value an alias is bound to in the context (the head of a <see cref="NameCalc"/>).</summary>
internal sealed class AliasValueCalc(IdentifierNode syntax) : Calc(syntax, MdxType.Unknown, Dependencies.Everything)
{
    public override object? Evaluate(Evaluator evaluator, MdxContext context) => context.Aliases[((IdentifierNode)Syntax).Segments[0].Name];
}

/// <summary>A member named under a value found only as it is evaluated: <c>[Time].CurrentMember.[Q1]</c>.</summary>
internal sealed class StepCalc(IdentifierNode syntax, Calc target, int index, Names names) : Calc(syntax, MdxType.Unknown, target.DependsOn)
{
    public override object? Evaluate(Evaluator evaluator, MdxContext context) => names.Step(evaluator.Evaluate(target, context), (IdentifierNode)Syntax, index);
}
