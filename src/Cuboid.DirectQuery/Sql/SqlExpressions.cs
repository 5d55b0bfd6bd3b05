using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.DirectQuery.Sql;

/// <summary>
/// Row expressions and conditions as SQL: measures' inputs (arithmetic, <c>Fn.Where</c> as CASE WHEN),
/// filters on columns, and filters on levels — those are resolved against the members Cuboid
/// already knows (the same test of each member's value as in memory) and sent as the accepted
/// values of the level's column, or of its path when a value alone does not tell members apart.
/// Every value is bound by the dialect.
/// </summary>
internal sealed class SqlExpressions(StarQuery star, SqlWriter writer, Func<Hierarchy, HierarchyIndex> indexOf)
{
    private Dialects.SqlDialect Dialect => writer.Dialect;

    public string Expression(ColumnExpression expression) => expression switch
    {
        Column column => star.Column(column),
        ConstantExpression constant => writer.Bind(constant.Value),
        ArithmeticExpression { Operator: ArithmeticOperator.Divide } a => $"({Dialect.AsDouble(Expression(a.Left))} / NULLIF({Expression(a.Right)}, 0))",
        ArithmeticExpression a => $"({Expression(a.Left)} {"+-*/%"[(int)a.Operator]} {Expression(a.Right)})",
        WhereExpression w => $"(CASE WHEN {Condition(w.Condition)} THEN {Expression(w.Then)} ELSE {(w.Otherwise is null ? "NULL" : Expression(w.Otherwise))} END)",
        _ => throw new NotSupportedException($"The expression {expression} cannot be sent to {Dialect.Name}."),
    };

    /// <summary>A level's member value: its column, or the date part it takes.</summary>
    public string LevelValue(Level level) =>
        level.Source is DatePartLevelSource part ? Dialect.DatePart(star.Column(level.Column), part.Part) : star.Column(level.Column);

    public string Condition(Condition condition)
    {
        if (LevelFilter.LevelOf(condition) is { } level) return Members(level, LevelFilter.AcceptedMembers(condition, indexOf)!);
        return condition switch
        {
            AndCondition and => "(" + string.Join(" AND ", and.Operands.Select(Condition)) + ")",
            OrCondition or => "(" + string.Join(" OR ", or.Operands.Select(Condition)) + ")",
            // A test on NULL is unknown in SQL and false in memory: NOT must see it false too.
            NotCondition not => $"(NOT COALESCE({Condition(not.Operand)}, {Dialect.False}))",
            ComparisonCondition { Subject: ColumnExpression left, Value: ColumnExpression right } c => $"({Expression(left)} {Operator(c.Operator)} {Expression(right)})",
            ComparisonCondition { Subject: ColumnExpression e, Value: null } c => c.Operator switch
            {
                ComparisonOperator.Equal => $"({Expression(e)} IS NULL)",
                ComparisonOperator.NotEqual => $"({Expression(e)} IS NOT NULL)",
                _ => "(1 = 0)",
            },
            ComparisonCondition { Subject: ColumnExpression e } c => $"({Expression(e)} {Operator(c.Operator)} {writer.Bind(c.Value)})",
            IsInCondition { Subject: ColumnExpression e } i => In(Expression(e), i.Values, i.Negated),
            IsNullCondition { Subject: ColumnExpression e } n => $"({Expression(e)} IS {(n.Negated ? "NOT " : "")}NULL)",
            _ => throw new NotSupportedException($"The condition {condition} cannot be sent to {Dialect.Name}."),
        };
    }

    private string In(string expression, IReadOnlyList<object?> values, bool negated)
    {
        var nonNull = values.Where(v => v is not null).ToList();
        var hasNull = nonNull.Count < values.Count;
        var list = nonNull.Count == 0 ? "(1 = 0)" : $"({expression} IN ({string.Join(", ", nonNull.Select(writer.Bind))}))";
        var test = hasNull ? $"({list} OR {expression} IS NULL)" : list;
        return negated ? $"(NOT {test})" : test;
    }

    /// <summary>
    /// Rows whose member at <paramref name="level"/> is accepted. A row the joins did not match
    /// reads NULL and belongs to the member of the columns' defaults, as in memory.
    /// </summary>
    private string Members(Level level, bool[] accepted)
    {
        var index = indexOf(level.Hierarchy);
        var depth = level.Depth;
        var count = accepted.Count(a => a);
        if (count == accepted.Length) return "(1 = 1)";
        if (count == 0) return "(1 = 0)";
        var values = new object?[accepted.Length];
        for (var code = 0; code < accepted.Length; code++) values[code] = level.Source.ValueOf(index.Members.Key(depth, code));
        var acceptedValues = new HashSet<object?>(Enumerable.Range(0, accepted.Length).Where(c => accepted[c]).Select(c => values[c]));
        var rejectedValues = new HashSet<object?>(Enumerable.Range(0, accepted.Length).Where(c => !accepted[c]).Select(c => values[c]));
        if (!acceptedValues.Overlaps(rejectedValues))
        {
            // The level's own value tells accepted members from the others: the shorter list of values.
            // A NULL (a row the joins did not match, a null value) is the member of the column's default.
            var nullAccepted = acceptedValues.Contains(level.Source.ValueOf(LevelKeys.Of(level, null)));
            var negated = rejectedValues.Count < acceptedValues.Count;
            var expression = LevelValue(level);
            var list = (negated ? rejectedValues : acceptedValues).Where(v => v is not null).ToList();
            var test = list.Count == 0 ? (negated ? "(1 = 1)" : "(1 = 0)") : $"({(negated ? "NOT " : "")}{expression} IN ({string.Join(", ", list.Select(writer.Bind))}))";
            return nullAccepted ? $"({test} OR {expression} IS NULL)" : test;
        }
        // Paths: the member and its ancestors' values.
        var path = Enumerable.Range(0, depth + 1).Select(d => LevelValue(level.Hierarchy.Levels[d])).ToList();
        var tuples = Enumerable.Range(0, accepted.Length).Where(c => accepted[c]).Select(code =>
            "(" + string.Join(", ", Enumerable.Range(0, depth + 1).Select(d =>
                writer.Bind(level.Hierarchy.Levels[d].Source.ValueOf(index.Members.Key(d, index.Members.Ancestor(depth, code, d)))))) + ")");
        return $"(({string.Join(", ", path)}) IN ({string.Join(", ", tuples)}))";
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };
}
