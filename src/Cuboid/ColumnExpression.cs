namespace Cuboid;

/// <summary>The arithmetic operators of row-level expressions and measures.</summary>
public enum ArithmeticOperator
{
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>*</summary>
    Multiply,
    /// <summary>/</summary>
    Divide,
    /// <summary>%</summary>
    Modulo,
}

/// <summary>
/// A value computed for each row of a table from its columns and the columns of the tables it
/// joins: a <see cref="Column"/>, arithmetic on columns and constants, or <c>Fn.Where</c>.
/// <c>Agg.Sum(sales["Qty"] * products["Price"])</c> aggregates one.
/// </summary>
public abstract class ColumnExpression
{
    private protected ColumnExpression()
    {
    }

    /// <summary>The type of the values this expression yields.</summary>
    public abstract DataType DataType { get; }

    /// <summary>The sum of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator +(ColumnExpression l, ColumnExpression r) => new ArithmeticExpression(ArithmeticOperator.Add, l, r);
    /// <summary>The difference of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator -(ColumnExpression l, ColumnExpression r) => new ArithmeticExpression(ArithmeticOperator.Subtract, l, r);
    /// <summary>The product of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator *(ColumnExpression l, ColumnExpression r) => new ArithmeticExpression(ArithmeticOperator.Multiply, l, r);
    /// <summary>The quotient of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator /(ColumnExpression l, ColumnExpression r) => new ArithmeticExpression(ArithmeticOperator.Divide, l, r);
    /// <summary>The remainder of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator %(ColumnExpression l, ColumnExpression r) => new ArithmeticExpression(ArithmeticOperator.Modulo, l, r);
    /// <summary>The negation of the expression, row by row.</summary>
    public static ColumnExpression operator -(ColumnExpression e) => new ArithmeticExpression(ArithmeticOperator.Subtract, new ConstantExpression(0), e);
    /// <summary>The sum of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator +(ColumnExpression l, double r) => l + new ConstantExpression(r);
    /// <summary>The difference of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator -(ColumnExpression l, double r) => l - new ConstantExpression(r);
    /// <summary>The product of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator *(ColumnExpression l, double r) => l * new ConstantExpression(r);
    /// <summary>The quotient of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator /(ColumnExpression l, double r) => l / new ConstantExpression(r);
    /// <summary>The sum of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator +(double l, ColumnExpression r) => new ConstantExpression(l) + r;
    /// <summary>The difference of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator -(double l, ColumnExpression r) => new ConstantExpression(l) - r;
    /// <summary>The product of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator *(double l, ColumnExpression r) => new ConstantExpression(l) * r;
    /// <summary>The quotient of the operands, row by row (null where either is null).</summary>
    public static ColumnExpression operator /(double l, ColumnExpression r) => new ConstantExpression(l) / r;

    /// <summary>The condition that the expression equals <paramref name="value"/> (a constant, or a column of the same table).</summary>
    public static Condition operator ==(ColumnExpression e, object? value) => new ComparisonCondition(e, ComparisonOperator.Equal, value);
    /// <summary>The condition that the expression differs from <paramref name="value"/> (a constant, or a column of the same table).</summary>
    public static Condition operator !=(ColumnExpression e, object? value) => new ComparisonCondition(e, ComparisonOperator.NotEqual, value);
    /// <summary>The condition that the expression is less than <paramref name="value"/> (a constant, or a column of the same table).</summary>
    public static Condition operator <(ColumnExpression e, object? value) => new ComparisonCondition(e, ComparisonOperator.Less, value);
    /// <summary>The condition that the expression is at most <paramref name="value"/> (a constant, or a column of the same table).</summary>
    public static Condition operator <=(ColumnExpression e, object? value) => new ComparisonCondition(e, ComparisonOperator.LessOrEqual, value);
    /// <summary>The condition that the expression is greater than <paramref name="value"/> (a constant, or a column of the same table).</summary>
    public static Condition operator >(ColumnExpression e, object? value) => new ComparisonCondition(e, ComparisonOperator.Greater, value);
    /// <summary>The condition that the expression is at least <paramref name="value"/> (a constant, or a column of the same table).</summary>
    public static Condition operator >=(ColumnExpression e, object? value) => new ComparisonCondition(e, ComparisonOperator.GreaterOrEqual, value);

    /// <summary>The value is one of <paramref name="values"/>.</summary>
    public Condition IsIn(params object?[] values) => new IsInCondition(this, values);

    /// <summary>The value is none of <paramref name="values"/>.</summary>
    public Condition IsNotIn(params object?[] values) => new IsInCondition(this, values, negated: true);

    /// <summary>The value is null.</summary>
    public Condition IsNull() => new IsNullCondition(this);

    /// <summary>The value is not null.</summary>
    public Condition IsNotNull() => new IsNullCondition(this, negated: true);

    /// <summary>Reference equality: <c>==</c> builds a condition instead.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The columns this expression reads.</summary>
    internal abstract IEnumerable<Column> Columns();
}

/// <summary>A constant in a row-level expression.</summary>
public sealed class ConstantExpression : ColumnExpression
{
    internal ConstantExpression(object? value) => Value = value;

    /// <summary>The constant.</summary>
    public object? Value { get; }

    /// <inheritdoc/>
    public override DataType DataType => Value switch
    {
        int => DataType.Int,
        long => DataType.Long,
        string => DataType.String,
        bool => DataType.Boolean,
        _ => DataType.Double,
    };

    /// <inheritdoc/>
    public override string ToString() => Loading.ValueConversion.Describe(Value);

    internal override IEnumerable<Column> Columns() => [];
}

/// <summary>Arithmetic between two row-level expressions.</summary>
public sealed class ArithmeticExpression : ColumnExpression
{
    internal ArithmeticExpression(ArithmeticOperator op, ColumnExpression left, ColumnExpression right)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    /// <summary>The operator.</summary>
    public ArithmeticOperator Operator { get; }

    /// <summary>The left operand.</summary>
    public ColumnExpression Left { get; }

    /// <summary>The right operand.</summary>
    public ColumnExpression Right { get; }

    /// <inheritdoc/>
    public override DataType DataType =>
        Operator != ArithmeticOperator.Divide && Left.DataType.IsIntegral() && Right.DataType.IsIntegral()
            ? (Left.DataType == DataType.Long || Right.DataType == DataType.Long ? DataType.Long : DataType.Int)
            : DataType.Double;

    /// <inheritdoc/>
    public override string ToString() => $"({Left} {"+-*/%"[(int)Operator]} {Right})";

    internal override IEnumerable<Column> Columns() => Left.Columns().Concat(Right.Columns());
}

/// <summary><c>Fn.Where(condition, then, otherwise)</c> on rows: a CASE expression.</summary>
public sealed class WhereExpression : ColumnExpression
{
    internal WhereExpression(Condition condition, ColumnExpression then, ColumnExpression? otherwise)
    {
        Condition = condition;
        Then = then;
        Otherwise = otherwise;
    }

    /// <summary>The row condition.</summary>
    public Condition Condition { get; }

    /// <summary>The value where the condition holds.</summary>
    public ColumnExpression Then { get; }

    /// <summary>The value elsewhere (null when absent).</summary>
    public ColumnExpression? Otherwise { get; }

    /// <inheritdoc/>
    public override DataType DataType => Otherwise is null || Otherwise.DataType == Then.DataType ? Then.DataType : DataType.Double;

    internal override IEnumerable<Column> Columns() =>
        Then.Columns().Concat(Otherwise?.Columns() ?? []).Concat(ConditionColumns(Condition));

    internal static IEnumerable<Column> ConditionColumns(Condition c) => c switch
    {
        ComparisonCondition cc => (cc.Subject as ColumnExpression)?.Columns().Concat(cc.Value is Column v ? [v] : []) ?? [],
        IsInCondition i => (i.Subject as ColumnExpression)?.Columns() ?? [],
        IsNullCondition n => (n.Subject as ColumnExpression)?.Columns() ?? [],
        CompositeCondition comp => comp.Operands.SelectMany(ConditionColumns),
        NotCondition not => ConditionColumns(not.Operand),
        _ => [],
    };
}
