namespace Cuboid.Aggregation;

/// <summary>The primitive aggregations a scan computes; measures are built from these. Each has its rules in a <see cref="Primitives.Primitive"/>.</summary>
internal enum LeafKind
{
    /// <summary>Fact rows under the cell (also whether the cell exists).</summary>
    Contributors,
    Sum,
    Min,
    Max,
    /// <summary>Non-null values.</summary>
    Count,
    CountDistinct,
    /// <summary>Latest commit time of the chunks holding the cell's rows (update.TIMESTAMP).</summary>
    LastUpdate,
    /// <summary>Sum of squares (variance, standard deviation).</summary>
    SquareSum,
    /// <summary>Product.</summary>
    Prod,
    /// <summary>A quantile of the values (holistic: the cell's values are kept until the end of the scan).</summary>
    Quantile,
    /// <summary>Element-wise sum of array values (vectors of one length per cell).</summary>
    VectorSum,
    /// <summary>A plug-in's <see cref="IAggregationFunction"/> (<see cref="AggregateSpec.Function"/>); last: it has no shared descriptor.</summary>
    Custom,
}

/// <summary>One aggregation of a row-level expression; equal specs are computed once per scan.</summary>
internal sealed record AggregateSpec(LeafKind Kind, ColumnExpression? Input, QuantileOptions? Quantile = null, IAggregationFunction? Function = null)
{
    public static readonly AggregateSpec Contributors = new(LeafKind.Contributors, null);

    private Primitives.Primitive? _custom;

    /// <summary>The kind's rules: its scan state, roll-up and update (a custom kind's, its function's).</summary>
    public Primitives.Primitive Primitive => Kind == LeafKind.Custom ? _custom ??= new Primitives.CustomPrimitive(Function!) : Primitives.Primitive.Of(Kind);

    /// <summary>Whether coarser cells can be computed by merging finer ones.</summary>
    public bool Rollable => Primitive.Rollable;

    // ExpressionKey, not ToString: Where expressions have no text of their own, so two would be one spec.
    public string Key => Input is null ? Kind.ToString()
        : $"{(Function is { } f ? $"{Kind}:{f.GetType().FullName}:{f.Name}" : Kind.ToString())}({Expressions.ExpressionKey.Of(Input)}{(Quantile is { } q ? ";" + q : "")})";

    public bool Equals(AggregateSpec? other) => other is not null && other.Key == Key;

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
}
