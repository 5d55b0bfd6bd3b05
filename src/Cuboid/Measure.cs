namespace Cuboid;

/// <summary>
/// A measure: named in a cube (<c>cube.Measures["Revenue"]</c>), or a formula not yet named
/// (<c>Agg.Sum(sales["Qty"])</c>, <c>m["Revenue"] / m["Quantity"]</c>) that becomes one when
/// assigned: <c>m["Price"] = m["Revenue"] / m["Quantity"]</c>.
/// </summary>
public sealed class Measure : MeasureDefinition
{
    internal Measure(MeasureDefinition definition)
    {
        Definition = definition;
        Formatter = DefaultFormatter(definition);
    }

    /// <summary>A measure named outside any cube's collection (an MDX calculated member compiled for one query).</summary>
    internal Measure(MeasureDefinition definition, string name)
        : this(definition) => Name = name;

    internal Measure(Cube cube, string name, Measure value)
    {
        Cube = cube;
        Name = name;
        // An unnamed formula is adopted; a named measure is referenced, so it stays one measure.
        Definition = value.Name is null ? value.Definition : value;
        Formatter = value.Name is null ? value.Formatter : DefaultFormatter(Definition);
    }

    /// <summary>The cube the measure belongs to (null for a formula not yet assigned).</summary>
    public Cube? Cube { get; }

    /// <summary>The measure's name (null for a formula not yet assigned).</summary>
    public string? Name { get; }

    /// <summary>What it computes.</summary>
    public MeasureDefinition Definition { get; }

    /// <summary>An SSAS format string (<c>#,###.00</c>, <c>0.0%</c>, <c>Standard</c>) or an Atoti one (<c>DOUBLE[#,###.00]</c>).</summary>
    public string? Formatter { get; set; }

    /// <summary>The folder the web app shows the measure in.</summary>
    public string? Folder { get; set; }

    /// <summary>Shown in the web app and MDX metadata when true.</summary>
    public bool Visible { get; set; } = true;

    /// <summary>A description for users.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The roles that may see the measure (<c>cube.Measures["Margin"].Roles = ["ROLE_FINANCE"]</c>); everyone when empty,
    /// admins always. For the others it does not exist: absent from discovery, an unknown name in MDX and in queries.
    /// Measures computed from it still compute. Changes apply to the next query.
    /// </summary>
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>The MDX unique name, e.g. <c>[Measures].[Revenue]</c>.</summary>
    public string UniqueName => $"[Measures].[{Name}]";

    internal override IEnumerable<MeasureDefinition> Operands => [Definition];

    /// <summary>The element at <paramref name="index"/> of an array measure (see <see cref="Arrays.Element"/>).</summary>
    public Measure this[Index index] => Arrays.Element(this, index);

    /// <summary>The element at <paramref name="index"/> (0-based) of an array measure.</summary>
    public Measure this[int index] => Arrays.Element(this, index);

    /// <summary>The element of an array measure at the position <paramref name="index"/> gives per cell (a parameter hierarchy's index measure): empty out of range.</summary>
    public Measure this[Measure index] => new(new ArrayElementMeasure(AsOperand, index.AsOperand));

    /// <summary>The elements in <paramref name="range"/> of an array measure (see <see cref="Arrays.Slice"/>).</summary>
    public Measure this[Range range] => Arrays.Slice(this, range);

    /// <summary>A constant measure.</summary>
    public static implicit operator Measure(double value) => new(new ConstantMeasure(value));

    /// <summary>See the implicit conversion.</summary>
    public static Measure FromDouble(double value) => value;

    /// <summary>The sum of the measures, cell by cell (empty where either is).</summary>
    public static Measure operator +(Measure l, Measure r) => Arithmetic(ArithmeticOperator.Add, l, r);
    /// <summary>The difference of the measures, cell by cell (empty where either is).</summary>
    public static Measure operator -(Measure l, Measure r) => Arithmetic(ArithmeticOperator.Subtract, l, r);
    /// <summary>The product of the measures, cell by cell (empty where either is).</summary>
    public static Measure operator *(Measure l, Measure r) => Arithmetic(ArithmeticOperator.Multiply, l, r);
    /// <summary>The quotient of the measures, cell by cell (empty where either is).</summary>
    public static Measure operator /(Measure l, Measure r) => Arithmetic(ArithmeticOperator.Divide, l, r);
    /// <summary>The remainder of the measures, cell by cell (empty where either is).</summary>
    public static Measure operator %(Measure l, Measure r) => Arithmetic(ArithmeticOperator.Modulo, l, r);
    /// <summary>The negation of the measure, cell by cell.</summary>
    public static Measure operator -(Measure m) => Arithmetic(ArithmeticOperator.Subtract, 0, m);
    /// <summary>The condition, cell by cell, that <paramref name="l"/> equals <paramref name="r"/> (false on an empty cell).</summary>
    public static Condition operator ==(Measure l, Measure r) => new MeasureCondition(l.AsOperand, ComparisonOperator.Equal, r.AsOperand);
    /// <summary>The condition, cell by cell, that <paramref name="l"/> differs from <paramref name="r"/> (false on an empty cell).</summary>
    public static Condition operator !=(Measure l, Measure r) => new MeasureCondition(l.AsOperand, ComparisonOperator.NotEqual, r.AsOperand);
    /// <summary>The condition, cell by cell, that <paramref name="l"/> is less than <paramref name="r"/> (false on an empty cell).</summary>
    public static Condition operator <(Measure l, Measure r) => new MeasureCondition(l.AsOperand, ComparisonOperator.Less, r.AsOperand);
    /// <summary>The condition, cell by cell, that <paramref name="l"/> is at most <paramref name="r"/> (false on an empty cell).</summary>
    public static Condition operator <=(Measure l, Measure r) => new MeasureCondition(l.AsOperand, ComparisonOperator.LessOrEqual, r.AsOperand);
    /// <summary>The condition, cell by cell, that <paramref name="l"/> is greater than <paramref name="r"/> (false on an empty cell).</summary>
    public static Condition operator >(Measure l, Measure r) => new MeasureCondition(l.AsOperand, ComparisonOperator.Greater, r.AsOperand);
    /// <summary>The condition, cell by cell, that <paramref name="l"/> is at least <paramref name="r"/> (false on an empty cell).</summary>
    public static Condition operator >=(Measure l, Measure r) => new MeasureCondition(l.AsOperand, ComparisonOperator.GreaterOrEqual, r.AsOperand);

    /// <summary>The cell's value is one of <paramref name="values"/> (false on an empty cell).</summary>
    public Condition IsIn(params double[] values) => values.Length == 0
        ? throw new ArgumentException("IsIn needs at least one value.", nameof(values))
        : values.Select(v => this == v).Aggregate((a, b) => a | b);

    /// <summary>The cell's value is none of <paramref name="values"/> (false on an empty cell, as every comparison with null).</summary>
    public Condition IsNotIn(params double[] values) => values.Length == 0
        ? throw new ArgumentException("IsNotIn needs at least one value.", nameof(values))
        : values.Select(v => this != v).Aggregate((a, b) => a & b);

    /// <summary>The cell is empty.</summary>
    public Condition IsNull() => new MeasureCondition(AsOperand, ComparisonOperator.Equal, null);

    /// <summary>The cell is not empty.</summary>
    public Condition IsNotNull() => new MeasureCondition(AsOperand, ComparisonOperator.NotEqual, null);

    /// <summary>Reference equality: <c>==</c> builds a condition instead.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The node to use when this measure is an operand: itself when named, its formula otherwise.</summary>
    internal MeasureDefinition AsOperand => Name is null ? Definition : this;

    private static Measure Arithmetic(ArithmeticOperator op, Measure l, Measure r) => new(new ArithmeticMeasure(op, l.AsOperand, r.AsOperand));

    /// <inheritdoc/>
    public override string ToString() => Name is null ? Definition.ToString() ?? "" : UniqueName;

    /// <summary>Atoti's defaults: two decimals for fractional values, grouped integers otherwise.</summary>
    private static string? DefaultFormatter(MeasureDefinition definition) => definition switch
    {
        AggregatedMeasure { ResultType: DataType.DoubleArray } => null,
        AggregatedMeasure a => a.ResultType == DataType.Double ? "DOUBLE[#,###.00]" : "INT[#,###]",
        ContributorsCountMeasure => "INT[#,###]",
        UpdateTimestampMeasure => "DATE[yyyy-MM-dd HH:mm:ss]",
        Measure m => m.Formatter,
        _ => null,
    };
}
