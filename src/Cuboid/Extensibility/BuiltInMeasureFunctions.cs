namespace Cuboid;

/// <summary>The math functions of <see cref="Fn"/> as <see cref="IMeasureFunction"/>s: the interface plug-ins implement, used by the engine for its own.</summary>
internal static class BuiltInMeasureFunctions
{
    private sealed class Unary(string name, Func<double, double> function) : IMeasureFunction
    {
        public string Name => name;

        public int MinArguments => 1;

        public int MaxArguments => 1;

        public double? Evaluate(ReadOnlySpan<double?> arguments) => arguments[0] is { } x ? function(x) : null;
    }

    private sealed class Power : IMeasureFunction
    {
        public string Name => "Pow";

        public int MinArguments => 2;

        public int MaxArguments => 2;

        public double? Evaluate(ReadOnlySpan<double?> arguments) => arguments[0] is { } x && arguments[1] is { } y ? Math.Pow(x, y) : null;
    }

    private static readonly Dictionary<MathFunction, IMeasureFunction> s_byFunction = new()
    {
        [MathFunction.Abs] = new Unary("Abs", Math.Abs),
        [MathFunction.Sqrt] = new Unary("Sqrt", Math.Sqrt),
        [MathFunction.Exp] = new Unary("Exp", Math.Exp),
        [MathFunction.Log] = new Unary("Log", Math.Log),
        [MathFunction.Log10] = new Unary("Log10", Math.Log10),
        [MathFunction.Ceil] = new Unary("Ceil", Math.Ceiling),
        [MathFunction.Floor] = new Unary("Floor", Math.Floor),
        [MathFunction.Sin] = new Unary("Sin", Math.Sin),
        [MathFunction.Cos] = new Unary("Cos", Math.Cos),
        [MathFunction.Tan] = new Unary("Tan", Math.Tan),
        [MathFunction.Erf] = new Unary("Erf", Erf),
        [MathFunction.Erfc] = new Unary("Erfc", x => 1 - Erf(x)),
        [MathFunction.Pow] = new Power(),
    };

    /// <summary>The function behind a <see cref="MathFunction"/>, or null for those with rules of their own (Round's digits, Min and Max skipping empty operands).</summary>
    public static IMeasureFunction? Of(MathFunction function) => s_byFunction.GetValueOrDefault(function);

    /// <summary>Every built-in one, by name: their names are taken.</summary>
    public static IEnumerable<IMeasureFunction> All => s_byFunction.Values;

    /// <summary>The error function, by Abramowitz and Stegun's formula 7.1.26 (absolute error under 1.5e-7).</summary>
    internal static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
