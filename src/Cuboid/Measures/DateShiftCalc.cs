using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// The measure at the cell's date moved by a period. The query's cells are grouped by their other
/// coordinates and their parent on the date's hierarchy; within a group the non-empty cells are
/// sorted by date once, and each cell binary-searches for its shifted date (or its fallback).
/// </summary>
internal sealed class DateShiftCalc(MeasureCalc inner, DateShiftMeasure shift) : MeasureCalc
{
    public override DataType ResultType => shift.Fallback == DateShiftFallback.Interpolated ? DataType.Double : inner.ResultType;

    public override IEnumerable<Aggregation.AggregateSpec> Leaves => inner.Leaves;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var n = result.CellCount;
        var output = new double[n];
        var ok = new bool[n];
        var index = input.Aggregator.Cube.IndexOf(shift.Level.Hierarchy);
        var depth = shift.Level.Depth;
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index && l.Depth == depth);
        if (position < 0) return (output, ok);   // no date on the cell: nothing to shift from
        var (values, valid) = inner.Eval(input);
        var codes = result.Codes[position];
        var days = new int[n];
        for (var cell = 0; cell < n; cell++) days[cell] = DateValues.DayNumber(shift.Level.Source.ValueOf(index.Members.Key(depth, codes[cell])), "DateShift");
        foreach (var group in CellGroups.Group(result, position, cell => index.Members.Parent(depth, codes[cell])))
        {
            var cells = group.Where(c => valid[c]).ToArray();
            var dates = cells.Select(c => days[c]).ToArray();
            Array.Sort(dates, cells);
            foreach (var cell in group)
            {
                var target = shift.Offset.AddTo(DateOnly.FromDayNumber(days[cell])).DayNumber;
                (output[cell], ok[cell]) = Read(target, dates, cells, values);
            }
        }
        return (output, ok);
    }

    private (double, bool) Read(int target, int[] dates, int[] cells, double[] values)
    {
        var at = Array.BinarySearch(dates, target);
        if (at >= 0) return (values[cells[at]], true);
        var after = ~at;   // the first date past the target
        var before = after - 1;
        return shift.Fallback switch
        {
            DateShiftFallback.Past when before >= 0 => (values[cells[before]], true),
            DateShiftFallback.Future when after < dates.Length => (values[cells[after]], true),
            DateShiftFallback.Interpolated when before >= 0 && after < dates.Length =>
                (values[cells[before]] + (values[cells[after]] - values[cells[before]]) * (target - dates[before]) / (dates[after] - dates[before]), true),
            _ => (0, false),
        };
    }
}
