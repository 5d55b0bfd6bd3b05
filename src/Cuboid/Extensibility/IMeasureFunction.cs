namespace Cuboid;

/// <summary>
/// A function of measures computed cell by cell — <c>Fn.Call(clamp, m, lo, hi)</c> in C#, <c>Clamp([Measures].[x], 0, 1)</c> in
/// model files' formulas and in MDX. The built-in math functions of <see cref="Fn"/> (Abs, Sqrt, Exp, Log, Log10, Ceil, Floor,
/// Sin, Cos, Tan, Erf, Erfc, Pow) are implementations of it; a plug-in assembly (<see cref="SessionConfig.ExtraAssemblies"/>)
/// adds its own. Implementations must be thread-safe (cells are computed on several threads) and hold no per-query state.
/// </summary>
public interface IMeasureFunction
{
    /// <summary>The name formulas and MDX call it by: a letter, then letters, digits or '_' (case-insensitive).</summary>
    string Name { get; }

    /// <summary>The fewest arguments it takes.</summary>
    int MinArguments { get; }

    /// <summary>The most arguments it takes.</summary>
    int MaxArguments { get; }

    /// <summary>The value of one cell from its arguments' values there (null: the argument is empty); null leaves the cell empty.</summary>
    double? Evaluate(ReadOnlySpan<double?> arguments);
}
