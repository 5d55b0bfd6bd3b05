namespace Cuboid;

/// <summary>The math functions of <see cref="Fn"/> on measures.</summary>
internal enum MathFunction
{
    Abs, Sqrt, Exp, Log, Log10, Ceil, Floor, Round, Sin, Cos, Tan, Erf, Erfc, Pow, Min, Max,
}

/// <summary>A math function applied cell by cell to measures: <c>Fn.Sqrt(m["Variance"])</c>.</summary>
internal sealed class MathMeasure : MeasureDefinition
{
    internal MathMeasure(MathFunction function, IReadOnlyList<MeasureDefinition> operands, int digits = 0)
    {
        Function = function;
        Arguments = operands;
        Digits = digits;
    }

    /// <summary>The function.</summary>
    public MathFunction Function { get; }

    /// <summary>The measures it applies to.</summary>
    public IReadOnlyList<MeasureDefinition> Arguments { get; }

    /// <summary>Decimal digits kept by Round.</summary>
    public int Digits { get; }

    internal override IEnumerable<MeasureDefinition> Operands => Arguments;

    internal static Measure Of(MathFunction function, params Measure[] measures) =>
        new(new MathMeasure(function, [.. measures.Select(m => m.AsOperand)]));

    /// <inheritdoc/>
    public override string ToString() => $"{Function}({string.Join(", ", Arguments)})";
}

/// <summary><c>Fn.Where(condition, then, otherwise)</c> on measures: per cell, the first that applies; empty otherwise.</summary>
internal sealed class WhereMeasure : MeasureDefinition
{
    internal WhereMeasure(Condition condition, MeasureDefinition then, MeasureDefinition? otherwise)
    {
        Condition = condition;
        Then = then;
        Otherwise = otherwise;
    }

    /// <summary>A condition on measures (comparisons of measures, IsNull, combined with &amp;, |, !).</summary>
    public Condition Condition { get; }

    /// <summary>The value where the condition holds.</summary>
    public MeasureDefinition Then { get; }

    /// <summary>The value elsewhere (empty when null).</summary>
    public MeasureDefinition? Otherwise { get; }

    internal override IEnumerable<MeasureDefinition> Operands =>
        [Then, .. Otherwise is null ? Array.Empty<MeasureDefinition>() : [Otherwise], .. MeasureCondition.MeasuresOf(Condition)];

    /// <inheritdoc/>
    public override string ToString() => $"Where({Condition}, {Then}, {Otherwise})";
}

/// <summary>A measure compared with a measure or a constant, cell by cell; a comparison with an empty cell is false, as in Atoti.</summary>
internal sealed class MeasureCondition : Condition
{
    internal MeasureCondition(MeasureDefinition left, ComparisonOperator op, MeasureDefinition? right)
    {
        Left = left;
        Operator = op;
        Right = right;
    }

    /// <summary>The compared measure.</summary>
    public MeasureDefinition Left { get; }

    /// <summary>The operator (Equal with a null right side tests for empty).</summary>
    public ComparisonOperator Operator { get; }

    /// <summary>The other side; null for IsNull / IsNotNull.</summary>
    public MeasureDefinition? Right { get; }

    /// <inheritdoc/>
    public override string ToString() => Right is null ? $"{Left} is {(Operator == ComparisonOperator.Equal ? "" : "not ")}null" : $"{Left} {ComparisonCondition.Symbol(Operator)} {Right}";

    internal static IEnumerable<MeasureDefinition> MeasuresOf(Condition condition) => condition switch
    {
        MeasureCondition m => m.Right is null ? [m.Left] : [m.Left, m.Right],
        Measures.MdxComparisonCondition m => [m.Left, m.Right],
        CompositeCondition c => c.Operands.SelectMany(MeasuresOf),
        NotCondition n => MeasuresOf(n.Operand),
        _ => [],
    };
}

/// <summary><c>Fn.Total(m, hierarchies…)</c>: the measure at the top (All) of the hierarchies, the other coordinates kept.</summary>
internal sealed class TotalMeasure : MeasureDefinition
{
    internal TotalMeasure(MeasureDefinition measure, IReadOnlyList<Hierarchy> hierarchies)
    {
        Measure = measure;
        Hierarchies = hierarchies;
    }

    /// <summary>The measure read at the total.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The hierarchies taken to their All member.</summary>
    public IReadOnlyList<Hierarchy> Hierarchies { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"Total({Measure}, {string.Join(", ", Hierarchies.Select(h => h.UniqueName))})";
}

/// <summary><c>Fn.ParentValue(m, hierarchy, degrees)</c>: the measure at the member's ancestor <see cref="Degrees"/> levels up (the All member above the top level).</summary>
internal sealed class ParentValueMeasure : MeasureDefinition
{
    internal ParentValueMeasure(MeasureDefinition measure, Hierarchy hierarchy, int degrees, MeasureDefinition? totalValue, bool applyFilters)
    {
        Measure = measure;
        Hierarchy = hierarchy;
        Degrees = degrees;
        TotalValue = totalValue;
        ApplyFilters = applyFilters;
    }

    /// <summary>Whether the query's filters on <see cref="Hierarchy"/> apply to the parent's value (false by default, as Atoti).</summary>
    public bool ApplyFilters { get; }

    /// <summary>Whether members without facts show the parent's value too.</summary>
    public bool Dense { get; init; }

    /// <summary>What cells with no ancestor that far up (the All member, or too near the top) show; empty when null.</summary>
    public MeasureDefinition? TotalValue { get; }

    /// <summary>The measure read at the parent.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The hierarchy walked up.</summary>
    public Hierarchy Hierarchy { get; }

    /// <summary>How many levels up.</summary>
    public int Degrees { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"ParentValue({Measure}, {Hierarchy.UniqueName}, {Degrees})";
}

/// <summary><c>Fn.Shift(m, level, offset)</c>: the measure at the member <see cref="Offset"/> places later on the level (earlier when negative), in level order.</summary>
internal sealed class ShiftMeasure : MeasureDefinition
{
    internal ShiftMeasure(MeasureDefinition measure, Level level, int offset, Level? partitioning)
    {
        Measure = measure;
        Level = level;
        Offset = offset;
        Partitioning = partitioning;
    }

    /// <summary>A level above <see cref="Level"/> the shift may not leave.</summary>
    public Level? Partitioning { get; }

    /// <summary>The measure read at the shifted member.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The level shifted along.</summary>
    public Level Level { get; }

    /// <summary>How many members later (negative: earlier).</summary>
    public int Offset { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"Shift({Measure}, {Level.UniqueName}, {Offset})";
}

/// <summary>See <see cref="Fn.Rank"/>.</summary>
internal sealed class RankMeasure : MeasureDefinition
{
    internal RankMeasure(MeasureDefinition measure, Hierarchy hierarchy, bool ascending, bool applyFilters)
    {
        Measure = measure;
        Hierarchy = hierarchy;
        Ascending = ascending;
        ApplyFilters = applyFilters;
    }

    /// <summary>Whether the query's filters on <see cref="Hierarchy"/> apply (true by default, as Atoti): false ranks among all siblings.</summary>
    public bool ApplyFilters { get; }

    /// <summary>The measure whose values are ranked.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The hierarchy whose members are ranked among their siblings.</summary>
    public Hierarchy Hierarchy { get; }

    /// <summary>Whether the smallest value ranks first.</summary>
    public bool Ascending { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"Rank({Measure}, {Hierarchy.Name}, {(Ascending ? "ascending" : "descending")})";
}

/// <summary>See <see cref="Fn.Filter"/>.</summary>
internal sealed class FilterMeasure : MeasureDefinition
{
    internal FilterMeasure(MeasureDefinition measure, Condition condition)
    {
        Measure = measure;
        Condition = condition;
    }

    /// <summary>The measure computed on the filtered facts.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The condition on levels.</summary>
    public Condition Condition { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"Filter({Measure}, {Condition})";
}

/// <summary>See <see cref="Fn.At(Measure, Condition)"/>.</summary>
internal sealed class AtMeasure : MeasureDefinition
{
    internal AtMeasure(MeasureDefinition measure, Level level, object value)
    {
        Measure = measure;
        Level = level;
        Value = value;
    }

    /// <summary>The measure read at the member.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The level whose member is fixed.</summary>
    public Level Level { get; }

    /// <summary>The member's value.</summary>
    public object Value { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"At({Measure}, {Level.UniqueName} = {Value})";
}

/// <summary><see cref="Fn.At(Measure, Level, object)"/> with another level: the member of <see cref="Level"/> named by the cell's member of <see cref="Source"/>.</summary>
internal sealed class AtLevelMeasure : MeasureDefinition
{
    internal AtLevelMeasure(MeasureDefinition measure, Level level, Level source)
    {
        Measure = measure;
        Level = level;
        Source = source;
    }

    /// <summary>The measure read at the member.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The level whose member is set.</summary>
    public Level Level { get; }

    /// <summary>The level whose member, on the cell, gives the value.</summary>
    public Level Source { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"At({Measure}, {Level.UniqueName} = {Source.UniqueName})";
}

/// <summary>See <see cref="Fn.First"/> and <see cref="Fn.Last"/>.</summary>
internal sealed class EdgeMeasure : MeasureDefinition
{
    internal EdgeMeasure(MeasureDefinition measure, Level level, Level? partitioning, bool last)
    {
        Measure = measure;
        Level = level;
        Partitioning = partitioning;
        Last = last;
    }

    /// <summary>The measure read.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The level along which first or last is taken.</summary>
    public Level Level { get; }

    /// <summary>A level above <see cref="Level"/> whose members each have their own first and last (null: the parent).</summary>
    public Level? Partitioning { get; }

    /// <summary>Last rather than first.</summary>
    public bool Last { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"{(Last ? "Last" : "First")}({Measure}, {Level.UniqueName})";
}

/// <summary><see cref="Agg.MaxMember"/> and <see cref="Agg.MinMember"/>: the member of a level that maximizes or minimizes a measure.</summary>
internal sealed class MemberAggregation : MeasureDefinition
{
    internal MemberAggregation(MeasureDefinition measure, Level level, bool largest)
    {
        Measure = measure;
        Level = level;
        Largest = largest;
    }

    /// <summary>The measure compared.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The level whose members are compared.</summary>
    public Level Level { get; }

    /// <summary>True for MaxMember, false for MinMember.</summary>
    public bool Largest { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"{(Largest ? "MaxMember" : "MinMember")}({Measure}, {Level.Name})";
}

/// <summary><see cref="Fn.Lookup"/>: a table's value read by key, the keys taken from the cell's members.</summary>
internal sealed class LookupMeasure : MeasureDefinition
{
    internal LookupMeasure(Column column, IReadOnlyList<(Column Key, object LevelOrValue)> mapping)
    {
        Column = column;
        Mapping = mapping;
    }

    /// <summary>The column read.</summary>
    public Column Column { get; }

    /// <summary>Each key column of the table with the level (or constant) giving its value.</summary>
    public IReadOnlyList<(Column Key, object LevelOrValue)> Mapping { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => $"Lookup({Column.Table.Name}.{Column.Name})";
}

/// <summary><see cref="Fn.Concat"/>: measures and strings joined into a string per cell.</summary>
internal sealed class ConcatMeasure : MeasureDefinition
{
    internal ConcatMeasure(string separator, IReadOnlyList<object> parts)
    {
        Separator = separator;
        Parts = parts;
    }

    /// <summary>Placed between the parts.</summary>
    public string Separator { get; }

    /// <summary>Each part: a <see cref="MeasureDefinition"/> or a constant string.</summary>
    public IReadOnlyList<object> Parts { get; }

    internal override IEnumerable<MeasureDefinition> Operands => Parts.OfType<MeasureDefinition>();

    /// <inheritdoc/>
    public override string ToString() => $"Concat({string.Join(", ", Parts)})";
}

/// <summary>The index measure of a parameter hierarchy: each member's position in the list it was created from (0-based).</summary>
internal sealed class ParameterIndexMeasure : MeasureDefinition
{
    internal ParameterIndexMeasure(Level level) => Level = level;

    /// <summary>The parameter level.</summary>
    public Level Level { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => $"Index({Level.UniqueName})";
}

/// <summary><see cref="Fn.MemberValue"/>: the value of the cell's member of a level.</summary>
internal sealed class MemberValueMeasure : MeasureDefinition
{
    internal MemberValueMeasure(Level level) => Level = level;

    /// <summary>The level read.</summary>
    public Level Level { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => $"MemberValue({Level.UniqueName})";
}

/// <summary>An array measure's element at the position another measure gives (an index measure of a parameter hierarchy).</summary>
internal sealed class ArrayElementMeasure : MeasureDefinition
{
    internal ArrayElementMeasure(MeasureDefinition array, MeasureDefinition index)
    {
        Array = array;
        Index = index;
    }

    /// <summary>The array measure.</summary>
    public MeasureDefinition Array { get; }

    /// <summary>The measure giving the 0-based position.</summary>
    public MeasureDefinition Index { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Array, Index];

    /// <inheritdoc/>
    public override string ToString() => $"{Array}[{Index}]";
}

/// <summary>A parameter measure of a <see cref="ParameterSimulation"/>.</summary>
internal sealed class SimulationMeasure : MeasureDefinition
{
    internal SimulationMeasure(ParameterSimulation simulation, string parameter, double? fallback)
    {
        Simulation = simulation;
        Parameter = parameter;
        Default = fallback;
    }

    /// <summary>The simulation.</summary>
    public ParameterSimulation Simulation { get; }

    /// <summary>The parameter (a column of the simulation's table).</summary>
    public string Parameter { get; }

    /// <summary>The value where no row says otherwise.</summary>
    public double? Default { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => $"Simulation({Simulation.Name}.{Parameter})";
}
