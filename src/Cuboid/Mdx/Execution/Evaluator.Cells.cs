using Cuboid.Mdx.Binding;

namespace Cuboid.Mdx.Execution;

internal sealed partial class Evaluator
{
    private MdxMember[]? _coordinates;

    /// <summary>
    /// The value of the cell the context points at. A calculated member in the context wins by
    /// solve order (ties: the hierarchy first in the cube, the measures before all); otherwise the
    /// measure decides. The winner's <see cref="CellCalc"/> computes the value.
    /// </summary>
    public object? CellValue(MdxContext context)
    {
        var member = WinningCalculation(context) ?? Effective(context, Catalog.Measures);
        return member is null ? null : Binder.CellCalcOf(member).Value(this, context);
    }

    /// <summary>
    /// The value of <paramref name="expression"/> for each tuple of <paramref name="set"/> (the keys
    /// of Order and TopCount). When it names a stored measure, or a calculated one compiled to a
    /// measure, and no other calculated member is in play, each tuple's cell is read directly —
    /// no context, no evaluation per tuple — which is what makes TopCount over a million customers
    /// cheap; otherwise each tuple is evaluated in its context.
    /// </summary>
    public List<object?> ValuesOver(MdxSet set, Calc expression, MdxContext context)
    {
        var (measure, absent) = MeasureOf(expression, set, context) is { } target ? Readable(target) : (null, null);
        if (measure is null || WinningCalculation(context) is not null || set.Tuples.Any(t => t.Any(m => m.Kind != MemberKind.Regular && m.Kind != MemberKind.All)))
        {
            return [.. set.Tuples.Select(t => EvaluateScalar(expression, context.With(t)))];
        }
        var coordinates = new MdxMember[Catalog.Hierarchies.Count - 1];
        for (var h = 1; h < Catalog.Hierarchies.Count; h++) coordinates[h - 1] = Effective(context, Catalog.Hierarchies[h])!;
        var values = new List<object?>(set.Count);
        HashSet<(int, int)>? missed = null;   // the (hierarchy, depth) of single-member tuples whose cells are not loaded yet
        foreach (var tuple in set.Tuples)
        {
            if (missed is not null && tuple.Length == 1 && missed.Contains((tuple[0].Hierarchy.Ordinal, tuple[0].Depth)))
            {
                values.Add(null);   // this round only asks for the cells; the next one reads them
                continue;
            }
            foreach (var member in tuple) coordinates[member.Hierarchy.Ordinal - 1] = member;
            values.Add(Reader.Read(measure, coordinates, absent));
            if (Reader.LastMissed && tuple.Length == 1) (missed ??= []).Add((tuple[0].Hierarchy.Ordinal, tuple[0].Depth));
            foreach (var member in tuple) coordinates[member.Hierarchy.Ordinal - 1] = Effective(context, member.Hierarchy)!;
        }
        return values;
    }

    /// <summary>
    /// The value of <paramref name="expression"/> for each tuple of <paramref name="set"/> when that
    /// needs no evaluation per tuple — a number or text literal, or a measure read directly (see
    /// <see cref="ValuesOver"/>) — as a function of the tuple's position; null otherwise.
    /// </summary>
    public Func<int, object?>? BulkValues(MdxSet set, Calc expression, MdxContext context)
    {
        switch (expression.Unwrapped())
        {
            case ConstantCalc { Value: double or string } constant: return _ => constant.Value;
            case var calc when MeasureOf(calc, set, context) is { } target && Readable(target).Measure is not null:
                var values = ValuesOver(set, calc, context);
                return i => values[i];
            default: return null;
        }
    }

    /// <summary>
    /// The measure <paramref name="expression"/> names for every tuple of <paramref name="set"/>, when binding can
    /// tell: a <see cref="MeasureCalc"/>, or a member expression that depends on no hierarchy of the set's tuples
    /// (<c>[Measures].CurrentMember</c> over customers) and so is evaluated once. Null otherwise.
    /// </summary>
    private MdxMember? MeasureOf(Calc expression, MdxSet set, MdxContext context)
    {
        var calc = expression.Unwrapped();
        if (calc is MeasureCalc named) return named.Measure;
        if (calc.Type != MdxType.Member || calc.DependsOn.All || set.Count == 0) return null;
        foreach (var member in set.Tuples[0])
        {
            if (calc.DependsOn.DependsOn(member.Hierarchy.Ordinal)) return null;
        }
        return Evaluate(calc, context) is MdxMember { Hierarchy.IsMeasures: true } measure ? measure : null;
    }

    /// <summary>The measure a measure member reads directly (a stored one, or a calculated one compiled to a measure), with its value where no fact lies.</summary>
    private (Measure? Measure, double? Absent) Readable(MdxMember member) => Binder.CellCalcOf(member) switch
    {
        StoredCellCalc stored => (stored.Measure, stored.Absent),
        CompiledCellCalc compiled => (compiled.Compiled.Measure, compiled.Compiled.Absent),
        _ => (null, null),
    };

    /// <summary>The context's members as cell coordinates (a calculated member counts as its hierarchy's default), in one buffer per evaluator (a query evaluates on one thread).</summary>
    public MdxMember[] Coordinates(MdxContext context)
    {
        var coordinates = _coordinates ??= new MdxMember[Catalog.Hierarchies.Count - 1];
        for (var h = 1; h < Catalog.Hierarchies.Count; h++) coordinates[h - 1] = Effective(context, Catalog.Hierarchies[h])!;
        return coordinates;
    }

    /// <summary>The calculated member that decides the cell, if any.</summary>
    public static MdxMember? WinningCalculation(MdxContext context)
    {
        MdxMember? best = null;
        // A tie goes to the hierarchy first in the cube, and the measures are first: a ratio measure over
        // a member that sums others is the ratio of the sums, as in Mondrian and SSAS.
        for (var i = 0; i < context.Count; i++)
        {
            var member = context[i];
            if (member.Kind != MemberKind.Calculated || context.Expanding.Contains(member)) continue;
            if (best is null || member.Calculated!.SolveOrder > best.Calculated!.SolveOrder) best = member;
        }
        return best;
    }

    /// <summary>The member a hierarchy contributes to a stored cell: a calculated member being expanded counts as the default.</summary>
    private static MdxMember? Effective(MdxContext context, MdxHierarchy hierarchy)
    {
        var member = context[hierarchy];
        return member.Kind == MemberKind.Calculated ? hierarchy.DefaultMember : member;
    }

    /// <summary>The format string of the cell: the winning calculated member's FORMAT_STRING, else the measure's formatter.</summary>
    public string? FormatStringOf(MdxContext context)
    {
        var ctx = context;
        // Each step passes to another calculated member; a recursive member would lead back forever, so the steps are bounded.
        for (var step = 0; step < MaxDepth; step++)
        {
            var calculated = WinningCalculation(ctx);
            if (calculated is null) break;
            // The format expression sees the member itself: IIf([Measures].[Foo] < .3, …) reads Foo's value.
            if (calculated.Calculated!.FormatString is { } format) return Text(EvaluateScalar(format, ctx));
            ctx = ctx.Expand(calculated);
            // Without FORMAT_STRING, a formula that is just a member (or tuple) takes that member's format, as Mondrian does.
            var formula = Binder.Bind(calculated.Calculated.Formula);
            if (formula.Unwrapped().Syntax is Syntax.IdentifierNode or Syntax.TupleLiteral && Evaluate(formula, ctx) is var target && target is MdxMember or MdxMember[])
            {
                ctx = target is MdxMember one ? ctx.With(one) : ctx.With((MdxMember[])target);
            }
            else if (calculated.Calculated.FormatSource is { } source)
            {
                ctx = ctx.With(source);
            }
        }
        return ctx[Catalog.Measures].Measure?.Formatter;
    }
}
