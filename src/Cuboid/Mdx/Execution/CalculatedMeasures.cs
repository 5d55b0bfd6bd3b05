using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Syntax;
using Cuboid.Measures;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Turns calculated measures (WITH MEMBER [Measures].…, and the cube's own) into measure
/// definitions where their formulas allow — numbers, measures, arithmetic, IIf with comparisons,
/// IsEmpty, AND/OR/NOT — so that they are computed like C# measures: in bulk, per granularity,
/// by the same evaluator. MDX's empty-cell rules are kept. A formula using anything else (sets,
/// navigation, tuples) stays with the per-cell evaluator. References among calculated measures
/// that form a cycle are an error naming them.
/// </summary>
internal sealed class CalculatedMeasures(MdxCatalog catalog, Evaluator evaluator, MdxContext defaults)
{
    private readonly Dictionary<MdxMember, MeasureDefinition?> _compiled = [];

    public void Compile(bool enabled)
    {
        var members = catalog.Measures.CalculatedMembers;
        CheckNesting(members);
        if (!enabled) return;
        foreach (var member in members)
        {
            if (Definition(member) is not { } definition) continue;
            member.Calculated!.Compiled = new Measure(definition, member.Name);
            member.Calculated.EmptyValue = OnEmpty(definition);
        }
    }

    /// <summary>A compiled formula's value when every measure it reads is empty, by the same MDX rules.</summary>
    private static double? OnEmpty(MeasureDefinition definition) => definition switch
    {
        ConstantMeasure c => c.Value,
        MdxArithmeticMeasure a => MdxArithmeticCalc.Apply(a.Operator, OnEmpty(a.Left), OnEmpty(a.Right)),
        WhereMeasure w => Holds(w.Condition) ? OnEmpty(w.Then) : w.Otherwise is null ? null : OnEmpty(w.Otherwise),
        _ => null,   // a stored measure
    };

    private static bool Holds(Condition condition) => condition switch
    {
        MdxComparisonCondition c => c.Operator.Holds((OnEmpty(c.Left) ?? 0).CompareTo(OnEmpty(c.Right) ?? 0)),
        MeasureCondition { Right: null } isNull => OnEmpty(isNull.Left) is null,
        AndCondition and => and.Operands.All(Holds),
        OrCondition or => or.Operands.Any(Holds),
        NotCondition not => !Holds(not.Operand),
        _ => false,
    };

    private MeasureDefinition? Definition(MdxMember member)
    {
        if (_compiled.TryGetValue(member, out var known)) return known;
        _compiled[member] = null;   // while compiling: a reference back here (recursion) compiles to nothing
        return _compiled[member] = TryBind(member.Calculated!.Formula) is { } formula ? Value(formula) : null;
    }

    private MeasureDefinition? Value(Calc calc) => calc switch
    {
        ParenthesizedCalc p => Value(p.Inner),
        ConstantCalc { Value: double number } => new ConstantMeasure(number),
        Binding.MeasureCalc { Measure: { Kind: MemberKind.Measure, Measure: { } stored } } => stored,
        Binding.MeasureCalc { Measure: { Kind: MemberKind.Calculated } calculated } => Definition(calculated),
        BinaryCalc { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } b
            when Value(b.Left) is { } left && Value(b.Right) is { } right => new MdxArithmeticMeasure(b.Operator switch
            {
                BinaryOperator.Add => ArithmeticOperator.Add,
                BinaryOperator.Subtract => ArithmeticOperator.Subtract,
                BinaryOperator.Multiply => ArithmeticOperator.Multiply,
                _ => ArithmeticOperator.Divide,
            }, left, right),
        FunctionCalc { Name: "IIf", Arguments: [var test, var then, var otherwise] }
            when Condition(test) is { } condition && Branch(then, out var yes) && Branch(otherwise, out var no) =>
            new WhereMeasure(condition, yes ?? Empty, no),
        _ => null,
    };

    /// <summary>An IIf branch: a value, or NULL.</summary>
    private bool Branch(Calc calc, out MeasureDefinition? value)
    {
        var isNull = calc.Unwrapped() is ConstantCalc { Type: MdxType.Empty };
        value = isNull ? null : Value(calc);
        return isNull || value is not null;
    }

    /// <summary>An always-empty measure (an IIf whose true branch is NULL).</summary>
    private static MeasureDefinition Empty => new WhereMeasure(new MeasureCondition(new ConstantMeasure(0), ComparisonOperator.Equal, null), new ConstantMeasure(0), null);

    private Condition? Condition(Calc calc) => calc switch
    {
        ParenthesizedCalc p => Condition(p.Inner),
        BinaryCalc { Operator: BinaryOperator.And or BinaryOperator.Or } b when Condition(b.Left) is { } left && Condition(b.Right) is { } right =>
            b.Operator == BinaryOperator.And ? new AndCondition([left, right]) : new OrCondition([left, right]),
        UnaryCalc { Operator: UnaryOperator.Not } u when Condition(u.Operand) is { } operand => new NotCondition(operand),
        FunctionCalc { Name: "IsEmpty", Arguments: [var operand] } when Value(operand) is { } value => new MeasureCondition(value, ComparisonOperator.Equal, null),
        BinaryCalc b when ComparisonOperators.FromMdx(b.Operator) is { } op && Value(b.Left) is { } left && Value(b.Right) is { } right =>
            new MdxComparisonCondition(left, op, right),
        _ => null,
    };

    /// <summary>The calc of a formula, or null when it does not bind (the per-cell evaluator reports why, should the member be read).</summary>
    private Calc? TryBind(MdxExpression formula)
    {
        try
        {
            return evaluator.Binder.Bind(formula);
        }
        catch (MdxEvaluationException)
        {
            return null;
        }
    }

    /// <summary>The member a name denotes, or null when it denotes something else or nothing (the per-cell evaluator will say what is wrong).</summary>
    private MdxMember? Resolve(IdentifierNode id)
    {
        try
        {
            return evaluator.Evaluate(id, defaults) as MdxMember;
        }
        catch (MdxEvaluationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Fails when calculated measures refer to each other through more levels than the evaluator nests
    /// (<see cref="Evaluator.MaxNesting"/>), naming the member at the top: checked here, before compiling or
    /// evaluating walks the chain (a chain of 20,000 members would otherwise overflow the stack). The walk
    /// itself is as deep as the chain, so it stops there too. A cycle is recursion, left to the evaluator.
    /// </summary>
    private void CheckNesting(IReadOnlyList<MdxMember> members)
    {
        var references = members.ToDictionary(m => m, m => m.Calculated!.Formula.Identifiers().Select(id => Resolve(id) ?? Unknown(m, id)).OfType<MdxMember>().Where(members.Contains).Distinct().ToList());
        var heights = new Dictionary<MdxMember, int>();   // the longest chain of calculated members from each, itself included
        var path = new List<MdxMember>();
        int Height(MdxMember member)
        {
            if (heights.TryGetValue(member, out var known)) return known;
            // A reference back along the path is recursion: Mondrian evaluates it, and so does the evaluator,
            // which names the cycle should it not end. It adds nothing to the chain's height.
            if (path.Contains(member)) return 0;
            path.Add(member);
            var height = path.Count > Evaluator.MaxNesting ? int.MaxValue : 1 + references[member].Select(Height).DefaultIfEmpty(0).Max();
            if (height > Evaluator.MaxNesting)
            {
                // Named from the top of the chain being checked, where the query wrote it.
                throw evaluator.Error(path[0].Calculated!.Formula, MdxErrorCodes.NestingTooDeep,
                    $"Calculated member {path[0].UniqueName} refers to other calculated members more than {Evaluator.MaxNesting} levels deep.");
            }
            path.RemoveAt(path.Count - 1);
            // Within a cycle the height depends on where the walk came in; kept anyway, so that the walk stays
            // linear: an underestimate only leaves the deeper nesting to the evaluator's own limits.
            return heights[member] = height;
        }
        foreach (var member in members) Height(member);
    }

    /// <summary>A name under [Measures] that names no measure: refused now, naming the calculated member that uses it.</summary>
    private MdxMember? Unknown(MdxMember member, IdentifierNode id)
    {
        if (id.Segments.Count != 2 || !string.Equals(id.Segments[0].Name, "Measures", StringComparison.OrdinalIgnoreCase)) return null;
        var known = catalog.Measures.MeasureMembers.Concat(catalog.Measures.CalculatedMembers).Select(m => m.Name);
        throw evaluator.Error(id, MdxErrorCodes.UnknownMember, $"Calculated member {member.UniqueName} refers to [Measures].[{id.Segments[1].Name}], which cube '{catalog.Cube.Name}' does not have. Its measures: {string.Join(", ", known)}.");
    }
}
