using Cuboid.Mdx.Binding;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Reads the cells of stored measures straight from the cell reader — their <see cref="StoredCellCalc"/> at
/// coordinates, with no context built and no formula evaluated per cell: a pivot's cells (members of levels
/// crossed with stored measures) are most of what a query reads, and NON EMPTY reads them twice. A cell with
/// a calculated member anywhere goes through the evaluator.
/// </summary>
internal sealed class DirectCells
{
    private readonly Evaluator _evaluator;
    private readonly MdxContext _context;
    private readonly MdxMember[]? _coordinates;   // null when the base context itself holds a calculated member
    private readonly bool _none;

    /// <param name="evaluator">Evaluates what is not read directly.</param>
    /// <param name="context">The query's context: default members and the slicer's tuple.</param>
    /// <param name="none">The slicer is an empty set: every cell is empty, a calculated one too (as in Mondrian and SSAS).</param>
    public DirectCells(Evaluator evaluator, MdxContext context, bool none = false)
    {
        _evaluator = evaluator;
        _context = context;
        _none = none;
        if (context.Members.Any(m => m.Kind == MemberKind.Calculated)) return;
        _coordinates = context.Members[1..];   // a copy: the measures are ordinal 0
    }

    /// <summary>The value of the cell where the members of <paramref name="first"/> and <paramref name="second"/> replace the context's.</summary>
    public object? Value(MdxMember[] first, MdxMember[]? second = null) =>
        _none ? null : Read(first, second, out var value, out _) ? value : _evaluator.CellValue(Context(first, second));

    /// <summary>The value and format string of a cell (see <see cref="Value"/>).</summary>
    public (object? Value, string? Format) Cell(MdxMember[] members)
    {
        if (_none) return (null, null);
        if (Read(members, null, out var value, out var measure)) return (value, measure.Formatter);
        var context = _context.With(members);
        return (_evaluator.CellValue(context), _evaluator.FormatStringOf(context));
    }

    private MdxContext Context(MdxMember[] first, MdxMember[]? second) => second is null ? _context.With(first) : _context.With(first).With(second);

    private bool Read(MdxMember[] first, MdxMember[]? second, out object? value, out Measure measure)
    {
        value = null;
        measure = null!;
        MdxMember? decider = null;
        if (_coordinates is null || !Place(first, ref decider) || (second is not null && !Place(second, ref decider))
            || _evaluator.Binder.CellCalcOf(decider ?? _context.Members[0]) is not StoredCellCalc stored)
        {
            Restore(first, second);
            return false;
        }
        value = stored.Read(_evaluator.Reader, _coordinates);
        measure = stored.Measure;
        Restore(first, second);
        return true;
    }

    /// <summary>Puts a tuple's members in the coordinates; false when one is calculated (the evaluator decides such cells).</summary>
    private bool Place(MdxMember[] members, ref MdxMember? measure)
    {
        foreach (var member in members)
        {
            if (member.Kind == MemberKind.Calculated) return false;
            if (member.Hierarchy.IsMeasures) measure = member;
            else _coordinates![member.Hierarchy.Ordinal - 1] = member;
        }
        return true;
    }

    private void Restore(MdxMember[] first, MdxMember[]? second)
    {
        if (_coordinates is null) return;
        foreach (var member in first) if (!member.Hierarchy.IsMeasures) _coordinates[member.Hierarchy.Ordinal - 1] = _context.Members[member.Hierarchy.Ordinal];
        foreach (var member in second ?? []) if (!member.Hierarchy.IsMeasures) _coordinates[member.Hierarchy.Ordinal - 1] = _context.Members[member.Hierarchy.Ordinal];
    }
}
