namespace Cuboid;

/// <summary>
/// An aggregation of fact rows (<c>Agg.Custom(geomean, table["price"])</c>; <c>"aggregation": "geomean"</c> in model files;
/// <c>GeoMean(set, numeric)</c> in MDX over a set's cells), with one number of state per cell: the scan folds each non-null
/// value into its cell's state with <see cref="Add"/>, partial states of one cell (parallel workers, finer cells rolled up,
/// rows a commit added) combine with <see cref="Merge"/>, and <see cref="Result"/> gives the cell's value. Sums, minimums,
/// maximums and products are of this shape, and the engine runs its own through the same rules with kernels of their own.
/// <see cref="Merge"/> must be associative and commutative with <see cref="Identity"/> as its neutral state, or results
/// depend on how the rows were split. Implementations must be thread-safe and hold no state of their own.
/// </summary>
public interface IAggregationFunction
{
    /// <summary>The name model files and MDX call it by, and the suffix of its measures' default names (<c>price.GEOMEAN</c>).</summary>
    string Name { get; }

    /// <summary>The state of a cell before any value.</summary>
    double Identity { get; }

    /// <summary>A value folded into a cell's state.</summary>
    double Add(double state, double value);

    /// <summary>Two partial states of one cell, combined.</summary>
    double Merge(double left, double right);

    /// <summary>The cell's value from its state and its number of non-null values (at least 1); null leaves the cell empty.</summary>
    double? Result(double state, long count);
}
