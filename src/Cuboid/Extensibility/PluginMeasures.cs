namespace Cuboid;

/// <summary>An <see cref="IMeasureFunction"/> applied cell by cell to measures (<see cref="Fn.Call"/>).</summary>
internal sealed class FunctionMeasure : MeasureDefinition
{
    internal FunctionMeasure(IMeasureFunction function, IReadOnlyList<MeasureDefinition> arguments)
    {
        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            var expected = function.MinArguments == function.MaxArguments ? $"{function.MinArguments}" : $"{function.MinArguments} to {function.MaxArguments}";
            throw new ArgumentException($"{function.Name} takes {expected} arguments, not {arguments.Count}.", nameof(arguments));
        }
        Function = function;
        Arguments = arguments;
    }

    public IMeasureFunction Function { get; }

    public IReadOnlyList<MeasureDefinition> Arguments { get; }

    internal override IEnumerable<MeasureDefinition> Operands => Arguments;

    /// <inheritdoc/>
    public override string ToString() => $"{Function.Name}({string.Join(", ", Arguments)})";
}

/// <summary>An <see cref="IAggregationFunction"/> of fact rows (<see cref="Agg.Custom"/>).</summary>
internal sealed class CustomAggregatedMeasure : MeasureDefinition
{
    internal CustomAggregatedMeasure(IAggregationFunction function, ColumnExpression input)
    {
        if (!input.DataType.IsNumeric() && input.DataType != DataType.Boolean)
        {
            throw new ArgumentException($"{function.Name} aggregates numbers; {input} is {input.DataType}.", nameof(input));
        }
        Function = function;
        Input = input;
    }

    public IAggregationFunction Function { get; }

    public ColumnExpression Input { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => $"{Function.Name}({Input})";
}
