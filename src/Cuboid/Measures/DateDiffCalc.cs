using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>
/// Whole units between two dates, each the cell's member of a date level or a constant; empty
/// where a level is not on the cell (or its member is null).
/// </summary>
internal sealed class DateDiffCalc(DateDiffMeasure diff) : MeasureCalc
{
    public override DataType ResultType => DataType.Long;

    public override IEnumerable<AggregateSpec> Leaves => [AggregateSpec.Contributors];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var n = result.CellCount;
        var from = Dates(diff.From, input);
        var to = Dates(diff.To, input);
        var values = new double[n];
        var valid = new bool[n];
        for (var cell = 0; cell < n; cell++)
        {
            if (from(cell) is not { } a || to(cell) is not { } b) continue;
            values[cell] = DateDiffMeasure.Between(a, b, diff.Unit);
            valid[cell] = true;
        }
        return (values, valid);
    }

    /// <summary>Each cell's date on one side.</summary>
    private static Func<int, DateTime?> Dates(object side, MeasureInput input)
    {
        if (side is DateTime constant) return _ => constant;
        var level = (Level)side;
        var result = input.Result;
        var index = input.Aggregator.Cube.IndexOf(level.Hierarchy);
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index && l.Depth >= level.Depth);
        if (position < 0) return _ => null;
        var depth = result.Levels[position].Depth;
        var codes = result.Codes[position];
        var memberDates = new Dictionary<int, DateTime?>();
        return cell =>
        {
            var code = index.Members.Ancestor(depth, codes[cell], level.Depth);
            if (!memberDates.TryGetValue(code, out var date))
            {
                memberDates[code] = date = DateValues.ToDateTime(level.Source.ValueOf(index.Members.Key(level.Depth, code)));
            }
            return date;
        };
    }
}
