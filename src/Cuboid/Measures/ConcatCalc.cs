using System.Globalization;
using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>Fn.Concat: each cell's parts as text, joined; empty where a measure part is.</summary>
internal sealed class ConcatCalc(string separator, IReadOnlyList<object> parts) : MeasureCalc
{
    public override DataType ResultType => DataType.String;

    public override IEnumerable<AggregateSpec> Leaves => parts.OfType<MeasureCalc>().SelectMany(c => c.Leaves);

    public override bool ReturnsObjects => true;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input) =>
        throw new InvalidOperationException("Concat gives strings, not numbers.");

    public override object?[] EvalObjects(MeasureInput input)
    {
        var n = input.Result.CellCount;
        var texts = parts.Select(part => Texts(part, input, n)).ToArray();
        var joined = new object?[n];
        for (var cell = 0; cell < n; cell++)
        {
            if (texts.All(t => t[cell] is not null)) joined[cell] = string.Join(separator, texts.Select(t => t[cell]));
        }
        return joined;
    }

    private static string?[] Texts(object part, MeasureInput input, int n)
    {
        if (part is string constant) return [.. Enumerable.Repeat(constant, n)];
        var calc = (MeasureCalc)part;
        if (calc.ReturnsArray) throw new ArgumentException("Concat joins numbers, members and strings, not arrays.");
        if (calc.ReturnsObjects) return [.. calc.EvalObjects(input).Select(o => o is null ? null : Convert.ToString(o, CultureInfo.InvariantCulture))];
        var (values, valid) = calc.Eval(input);
        var integral = calc.ResultType == DataType.Long;
        return [.. values.Select((v, i) => !valid[i] ? null : integral ? ((long)Math.Round(v)).ToString(CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture))];
    }
}
