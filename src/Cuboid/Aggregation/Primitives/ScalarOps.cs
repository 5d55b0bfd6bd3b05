namespace Cuboid.Aggregation.Primitives;

/// <summary>
/// The rules of a primitive aggregation whose state is one double per cell, as static members of a
/// struct: the scan's loops are generic over the struct, so the JIT compiles one tight loop per
/// operation with the operation inlined (DuckDB's aggregate-operation shape), and roll-ups, worker
/// merges and incremental updates use the same rules.
/// </summary>
internal interface IScalarOp
{
    /// <summary>The state of a cell without values (the identity of <see cref="Merge"/>).</summary>
    static abstract double Identity { get; }

    /// <summary>Folds one row's value into a cell's state.</summary>
    static abstract double Add(double state, double value);

    /// <summary>Combines two partial states of one cell (two workers', finer cells', old and new chunks').</summary>
    static abstract double Merge(double a, double b);

    /// <summary>Whether <see cref="Subtract"/> undoes <see cref="Merge"/>: a commit that replaced chunks is then an update, not a scan.</summary>
    static abstract bool Subtractable { get; }

    /// <summary>Takes a partial state out again (only when <see cref="Subtractable"/>).</summary>
    static abstract double Subtract(double state, double part);
}

internal readonly struct SumOp : IScalarOp
{
    public static double Identity => 0;
    public static double Add(double state, double value) => state + value;
    public static double Merge(double a, double b) => a + b;
    public static bool Subtractable => true;
    public static double Subtract(double state, double part) => state - part;
}

/// <summary>Sum of squares (variance, standard deviation).</summary>
internal readonly struct SquareSumOp : IScalarOp
{
    public static double Identity => 0;
    public static double Add(double state, double value) => state + value * value;
    public static double Merge(double a, double b) => a + b;
    public static bool Subtractable => true;
    public static double Subtract(double state, double part) => state - part;
}

internal readonly struct ProdOp : IScalarOp
{
    public static double Identity => 1;
    public static double Add(double state, double value) => state * value;
    public static double Merge(double a, double b) => a * b;
    public static bool Subtractable => false;   // a zero cannot be divided out
    public static double Subtract(double state, double part) => throw new InvalidOperationException("A product cannot be taken out.");
}

internal readonly struct MinOp : IScalarOp
{
    public static double Identity => double.PositiveInfinity;
    public static double Add(double state, double value) => value < state ? value : state;
    public static double Merge(double a, double b) => Math.Min(a, b);
    public static bool Subtractable => false;
    public static double Subtract(double state, double part) => throw new InvalidOperationException("A minimum cannot be taken out.");
}

/// <summary>Maximum; also the latest commit time of a cell's chunks.</summary>
internal readonly struct MaxOp : IScalarOp
{
    public static double Identity => double.NegativeInfinity;
    public static double Add(double state, double value) => value > state ? value : state;
    public static double Merge(double a, double b) => Math.Max(a, b);
    public static bool Subtractable => false;
    public static double Subtract(double state, double part) => throw new InvalidOperationException("A maximum cannot be taken out.");
}
