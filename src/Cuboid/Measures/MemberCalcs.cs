using System.Globalization;
using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>Measures read off the cell's members: a parameter's index and value, and an array element at that index.</summary>
internal static class MemberCalcs
{
    /// <summary>The cell's member code at <paramref name="level"/> (−1 where the level is not on the cell), for every cell.</summary>
    public static int[] Codes(MeasureInput input, Level level)
    {
        var result = input.Result;
        var index = input.Aggregator.Cube.IndexOf(level.Hierarchy);
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index && l.Depth >= level.Depth);
        var codes = new int[result.CellCount];
        if (position < 0)
        {
            Array.Fill(codes, -1);
            return codes;
        }
        var depth = result.Levels[position].Depth;
        for (var cell = 0; cell < codes.Length; cell++) codes[cell] = index.Members.Ancestor(depth, result.Codes[position][cell], level.Depth);
        return codes;
    }

    public sealed class Index(Level level) : MeasureCalc
    {
        public override DataType ResultType => DataType.Long;
        public override IEnumerable<AggregateSpec> Leaves => [];

        public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
        {
            var codes = Codes(input, level);
            var ranks = input.Aggregator.Ranks(input.Aggregator.Cube.IndexOf(level.Hierarchy), level.Depth);
            var values = new double[codes.Length];
            var valid = new bool[codes.Length];
            for (var cell = 0; cell < codes.Length; cell++)
            {
                if (codes[cell] < 0) continue;
                values[cell] = ranks[codes[cell]];
                valid[cell] = true;
            }
            return (values, valid);
        }
    }

    public sealed class Value(Level level) : MeasureCalc
    {
        public override DataType ResultType => level.DataType.IsIntegral() ? DataType.Long : level.DataType;
        public override IEnumerable<AggregateSpec> Leaves => [];
        public override bool ReturnsObjects => !level.DataType.IsNumeric();

        public override object?[] EvalObjects(MeasureInput input)
        {
            var codes = Codes(input, level);
            var index = input.Aggregator.Cube.IndexOf(level.Hierarchy);
            return [.. codes.Select(code => code < 0 ? null : level.Source.ValueOf(index.Members.Key(level.Depth, code)))];
        }

        public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
        {
            var objects = EvalObjects(input);
            return ([.. objects.Select(o => o is null ? 0 : Convert.ToDouble(o, CultureInfo.InvariantCulture))], [.. objects.Select(o => o is not null)]);
        }
    }

    public sealed class Element(MeasureCalc array, MeasureCalc index) : MeasureCalc
    {
        public override DataType ResultType => DataType.Double;
        public override IEnumerable<AggregateSpec> Leaves => array.Leaves.Concat(index.Leaves);

        public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
        {
            if (!array.ReturnsArray) throw new ArgumentException("Indexing needs an array measure.");
            var arrays = array.EvalArrays(input);
            var (positions, known) = index.Eval(input);
            var values = new double[arrays.Length];
            var valid = new bool[arrays.Length];
            for (var cell = 0; cell < arrays.Length; cell++)
            {
                if (!known[cell] || arrays[cell] is not { } elements) continue;
                var at = (long)positions[cell];
                if (at < 0 || at >= elements.Length) continue;
                values[cell] = elements[at];
                valid[cell] = true;
            }
            return (values, valid);
        }
    }
}
