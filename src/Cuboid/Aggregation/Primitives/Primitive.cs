using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Aggregation.Primitives;

/// <summary>
/// One primitive aggregation (a <see cref="LeafKind"/>): how its input compiles, the state a scan
/// keeps per cell (<see cref="LeafState"/>), and how finished results combine — coarser cells
/// from finer ones (roll-up), and a result updated after a commit (new chunks added, replaced
/// ones taken out). Everything about one kind lives in its descriptor; <see cref="Of"/> is the one
/// registration a new kind needs beside its file.
/// </summary>
internal abstract class Primitive
{
    private static readonly Primitive[] s_all = [.. Enum.GetValues<LeafKind>().Where(k => k != LeafKind.Custom).Select(Create)];

    /// <summary>The registration: each kind's descriptor.</summary>
    private static Primitive Create(LeafKind kind) => kind switch
    {
        LeafKind.Contributors => new ContributorsPrimitive(),
        LeafKind.Sum => new ScalarPrimitive<SumOp>(),
        LeafKind.SquareSum => new ScalarPrimitive<SquareSumOp>(),
        LeafKind.Prod => new ScalarPrimitive<ProdOp>(),
        // A bare date, time or text column is ordered or counted as it is (day numbers, ticks; texts only counted).
        LeafKind.Min => new ScalarPrimitive<MinOp>(columnKeys: true),
        LeafKind.Max => new ScalarPrimitive<MaxOp>(columnKeys: true),
        LeafKind.Count => new CountPrimitive(),
        LeafKind.LastUpdate => new LastUpdatePrimitive(),
        LeafKind.CountDistinct => new CountDistinctPrimitive(),
        LeafKind.Quantile => new QuantilePrimitive(),
        LeafKind.VectorSum => new VectorSumPrimitive(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A primitive aggregation without a descriptor."),
    };

    /// <summary>A built-in kind's descriptor; a custom one's is its spec's (<see cref="AggregateSpec.Primitive"/>).</summary>
    public static Primitive Of(LeafKind kind) => s_all[(int)kind];

    /// <summary>Whether coarser cells can be computed by combining finer ones.</summary>
    public virtual bool Rollable => true;

    /// <summary>Whether a result updated after a commit can take out the old versions of replaced chunks (else only added chunks update it).</summary>
    public virtual bool Subtractable => false;

    /// <summary>Whether results keep a value per cell (sums, extremes), beside the count every kind keeps.</summary>
    public virtual bool HasValues => false;

    /// <summary>Whether results keep a vector per cell (element-wise sums).</summary>
    public virtual bool HasVectors => false;

    /// <summary>The value of a cell without values.</summary>
    public virtual double Identity => 0;

    /// <summary>Two partial values of one cell, combined.</summary>
    public virtual double Merge(double a, double b) => a + b;

    /// <summary>A partial value taken out (only when <see cref="Subtractable"/>).</summary>
    public virtual double Subtract(double state, double part) => state - part;

    /// <summary>The row-level input, compiled for the scan.</summary>
    public virtual RowCalc? CompileInput(ColumnExpression input, Func<Column, TableStore> tableOf) => RowCalc.Compile(input, tableOf);

    /// <summary>What a scan decides once for all its workers (the key range of a distinct count's bitmaps); null when nothing.</summary>
    public virtual object? Prepare(ScanPlan plan, int leaf) => null;

    /// <summary>A worker's running state for leaf <paramref name="leaf"/> of <paramref name="plan"/>, sized for <paramref name="capacity"/> cells.</summary>
    public abstract LeafState NewState(ScanPlan plan, int leaf, int capacity);

    /// <summary>
    /// Finished results combined into <paramref name="cells"/> cells: each part's cell c goes to cell
    /// CellOf[c], added (sign 1) or taken out (sign −1). Roll-ups and incremental updates both come here.
    /// </summary>
    public LeafValues Combine(AggregateSpec spec, int cells, IReadOnlyList<(LeafValues Leaf, int[] CellOf, int Sign)> parts)
    {
        var values = HasValues ? new double[cells] : [];
        if (Identity != 0) Array.Fill(values, Identity);
        var counts = new long[cells];
        var vectors = HasVectors ? new double[]?[cells] : null;
        var column = spec.Input?.ToString() ?? "";
        foreach (var (leaf, cellOf, sign) in parts)
        {
            for (var c = 0; c < cellOf.Length; c++)
            {
                var t = cellOf[c];
                counts[t] += sign * leaf.Counts[c];
                // Fresh arrays for the combined cells: the parts' vectors may be cached and must not change.
                if (vectors is not null && leaf.Vectors[c] is { } vector)
                {
                    var into = vectors[t] ??= new double[vector.Length];
                    if (sign > 0) VectorMath.Merge(into, vector, column);
                    else VectorMath.Subtract(into, vector, column);
                }
                if (values.Length == 0 || leaf.Values.Length == 0 || leaf.Counts[c] == 0) continue;
                values[t] = sign > 0 ? Merge(values[t], leaf.Values[c]) : Subtract(values[t], leaf.Values[c]);
            }
        }
        return new LeafValues(spec, values, counts, vectors);
    }
}
