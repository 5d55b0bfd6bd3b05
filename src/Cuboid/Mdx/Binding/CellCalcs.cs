using Cuboid.Mdx.Execution;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// How a cell's value is computed, by the member that decides it — the winning calculated member, else the
/// measure (<see cref="Evaluator.CellValue"/>). Chosen once per member and query (<see cref="Binder.CellCalcOf"/>):
/// a stored measure is read from the cell reader, a calculated member evaluates its bound formula, a calculated
/// measure compiled to a measure is read like a stored one while no other calculated member is in the cell.
/// </summary>
internal abstract class CellCalc
{
    public abstract object? Value(Evaluator evaluator, MdxContext context);
}

/// <summary>
/// A stored measure (or a compiled calculated one, with its value where no fact lies): read at the context's
/// members — or, by <see cref="DirectCells"/> and the bulk paths, at coordinates with no context built.
/// </summary>
internal sealed class StoredCellCalc(Measure measure, double? absent = null) : CellCalc
{
    public Measure Measure { get; } = measure;

    /// <summary>The value where no fact lies (a compiled formula's value over empty inputs); null for a stored measure.</summary>
    public double? Absent { get; } = absent;

    public override object? Value(Evaluator evaluator, MdxContext context) => Read(evaluator.Reader, evaluator.Coordinates(context));

    /// <summary>The cell at <paramref name="coordinates"/> (one member per hierarchy but the measures, in catalog order).</summary>
    public object? Read(CellReader reader, MdxMember[] coordinates) => reader.Read(Measure, coordinates, Absent);
}

/// <summary>
/// A calculated member: its formula, evaluated with the member expanding (meanwhile its hierarchy's default, and
/// a recursion when the formula names it again, bounded by <see cref="MaxRecursion"/>).
/// </summary>
internal sealed class FormulaCellCalc(MdxMember member, Calc formula) : CellCalc
{
    public const int MaxRecursion = 1024;

    public Calc Formula { get; } = formula;

    public override object? Value(Evaluator evaluator, MdxContext context)
    {
        if (context.Depth >= MaxRecursion)
        {
            var cycle = string.Join(" → ", (context.Chain?.Cycle() ?? [member]).Select(m => m.UniqueName));
            throw evaluator.Error(Formula, MdxErrorCodes.EndlessRecursion, $"Calculated members refer to each other in a cycle that does not end ({MaxRecursion} levels): {cycle}.");
        }
        var expanded = context.Expand(member);
        return evaluator.Scalar(evaluator.Evaluate(Formula, expanded), expanded);
    }
}

/// <summary>
/// A calculated measure compiled to a measure (<see cref="CalculatedMeasures"/>): read in bulk like a stored one,
/// unless another calculated member still waits in the context — then only the formula, cell by cell, sees it.
/// </summary>
internal sealed class CompiledCellCalc(MdxMember member, StoredCellCalc compiled, FormulaCellCalc formula) : CellCalc
{
    public StoredCellCalc Compiled { get; } = compiled;

    public override object? Value(Evaluator evaluator, MdxContext context) =>
        IsAlone(context) ? Compiled.Value(evaluator, context) : formula.Value(evaluator, context);

    private bool IsAlone(MdxContext context)
    {
        for (var i = 0; i < context.Count; i++)
        {
            var other = context[i];
            if (other.Kind == MemberKind.Calculated && other != member && !context.Expanding.Contains(other)) return false;
        }
        return true;
    }
}

/// <summary>A member that decides no value (a measure without a definition): the cell is empty.</summary>
internal sealed class EmptyCellCalc : CellCalc
{
    public static readonly EmptyCellCalc Instance = new();

    public override object? Value(Evaluator evaluator, MdxContext context) => null;
}
