using Cuboid.Mdx.Syntax;

namespace Cuboid.Measures;

/// <summary>
/// The measure language as text, in MDX expression syntax, for model files and for tests written
/// as data: measure names (<c>[Measures].[Unit Sales]</c>), numbers, <c>+ - * /</c>, comparisons with
/// <c>AND OR NOT</c> and <c>IsEmpty</c> inside <c>IIf</c>, and the functions of <see cref="Fn"/>,
/// <see cref="Agg"/> over scopes and <see cref="Arrays"/> by name, with levels and hierarchies named
/// as in MDX (<c>Shift([Measures].[Unit Sales], [Time].[Time].[Month], -1)</c>,
/// <c>Sum([Measures].[Unit Sales], Cumulative([Time].[Time].[Month]))</c>). Semantics are those of
/// the C# functions (Atoti's: a comparison with an empty cell is false).
/// </summary>
internal static class MeasureFormula
{
    /// <summary>The functions the formula language has of its own (a plug-in's may not take their names).</summary>
    public static readonly string[] FunctionNames =
    [
        "IIF", "ABS", "SQRT", "EXP", "LOG", "LOG10", "CEIL", "FLOOR", "ROUND", "POW", "POWER", "TOTAL", "PARENTVALUE", "SHIFT", "FIRST", "LAST",
        "RANK", "AT", "FILTER", "DATESHIFT", "MIN", "MAX", "SUM", "MEAN", "AVG", "COUNT", "COUNTDISTINCT", "LONG", "SHORT", "PROD", "MEDIAN",
        "QUANTILE", "VAR", "STD", "CUMULATIVE", "ORIGIN", "SIBLINGS", "ISEMPTY",
    ];

    public static Measure Bind(Cube cube, string text, Func<string, Exception> error)
    {
        var parsed = MdxParser.ParseExpression(text);
        if (parsed.HasErrors) throw error($"'{text}': {string.Join("; ", parsed.Diagnostics.Select(d => d.ToString()))}");
        return new Binder(cube, parsed.Source, error).Measure(parsed.Expression);
    }

    private sealed class Binder(Cube cube, SourceText source, Func<string, Exception> error)
    {
        private Exception Error(MdxExpression at, string message) => error($"'{source[at.Span]}': {message}");

        public Measure Measure(MdxExpression e) => e switch
        {
            NumberLiteral n => Cuboid.Measure.FromDouble(n.Value),
            IdentifierNode id => Named(id),
            ParenthesizedExpression p => Measure(p.Inner),
            UnaryExpression { Operator: UnaryOperator.Minus } u => -Measure(u.Operand),
            UnaryExpression { Operator: UnaryOperator.Plus } u => Measure(u.Operand),
            BinaryExpression { Operator: BinaryOperator.Add } b => Measure(b.Left) + Measure(b.Right),
            BinaryExpression { Operator: BinaryOperator.Subtract } b => Measure(b.Left) - Measure(b.Right),
            BinaryExpression { Operator: BinaryOperator.Multiply } b => Measure(b.Left) * Measure(b.Right),
            BinaryExpression { Operator: BinaryOperator.Divide } b => Measure(b.Left) / Measure(b.Right),
            FunctionCall f => Call(f),
            _ => throw Error(e, "not a measure expression (measures, numbers, + - * /, and the measure functions)."),
        };

        private Measure Call(FunctionCall f)
        {
            var a = f.Arguments;
            void Arity(int min, int max)
            {
                if (a.Count < min || a.Count > max) throw Error(f, $"{f.Name} takes {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{min} to {max}")} arguments, not {a.Count}.");
            }
            Level? Optional(int i) => a.Count > i ? Level(a[i]) : null;
            switch (f.Name.ToUpperInvariant())
            {
                case "IIF":
                    Arity(3, 3);
                    return Fn.Where(Condition(a[0]), Measure(a[1]), a[2] is NullLiteral ? null : Measure(a[2]));
                case "ABS": Arity(1, 1); return Fn.Abs(Measure(a[0]));
                case "SQRT": Arity(1, 1); return Fn.Sqrt(Measure(a[0]));
                case "EXP": Arity(1, 1); return Fn.Exp(Measure(a[0]));
                case "LOG": Arity(1, 1); return Fn.Log(Measure(a[0]));
                case "LOG10": Arity(1, 1); return Fn.Log10(Measure(a[0]));
                case "CEIL": Arity(1, 1); return Fn.Ceil(Measure(a[0]));
                case "FLOOR": Arity(1, 1); return Fn.Floor(Measure(a[0]));
                case "ROUND": Arity(1, 2); return Fn.Round(Measure(a[0]), a.Count > 1 ? (int)Number(a[1]) : 0);
                case "POW" or "POWER": Arity(2, 2); return Fn.Pow(Measure(a[0]), Measure(a[1]));
                case "TOTAL": Arity(2, 9); return Fn.Total(Measure(a[0]), [.. a.Skip(1).Select(Hierarchy)]);
                case "PARENTVALUE": Arity(2, 3); return Fn.ParentValue(Measure(a[0]), Hierarchy(a[1]), a.Count > 2 ? (int)Number(a[2]) : 1);
                case "SHIFT": Arity(3, 4); return Fn.Shift(Measure(a[0]), Level(a[1]), (int)Number(a[2]), Optional(3));
                case "FIRST": Arity(2, 3); return Fn.First(Measure(a[0]), Level(a[1]), Optional(2));
                case "LAST": Arity(2, 3); return Fn.Last(Measure(a[0]), Level(a[1]), Optional(2));
                case "RANK":
                    Arity(2, 3);
                    return Fn.Rank(Measure(a[0]), Hierarchy(a[1]), ascending: a.Count < 3 || !string.Equals(Text(a[2]), "DESC", StringComparison.OrdinalIgnoreCase));
                case "AT": Arity(3, 3); return Fn.At(Measure(a[0]), Level(a[1]), a[2] is IdentifierNode id && TryLevel(id) is { } other ? other : Value(a[2]));
                case "FILTER": Arity(3, 3); return Fn.Filter(Measure(a[0]), Level(a[1]) == Value(a[2]));
                case "DATESHIFT":
                    Arity(3, 4);
                    return Fn.DateShift(Measure(a[0]), Level(a[1]), Text(a[2]), a.Count > 3 ? Enum.Parse<DateShiftFallback>(Text(a[3]), ignoreCase: true) : DateShiftFallback.None);
                case "MIN" or "MAX" when a.Count == 2 && a[1] is FunctionCall scope && IsScope(scope):
                    return f.Name.Equals("MIN", StringComparison.OrdinalIgnoreCase) ? Agg.Min(Measure(a[0]), Scope(scope)) : Agg.Max(Measure(a[0]), Scope(scope));
                case "MIN": Arity(1, 9); return Fn.Min([.. a.Select(Measure)]);
                case "MAX": Arity(1, 9); return Fn.Max([.. a.Select(Measure)]);
                case "SUM": Arity(2, 2); return Agg.Sum(Measure(a[0]), Scope(a[1]));
                case "MEAN" or "AVG": Arity(2, 2); return Agg.Mean(Measure(a[0]), Scope(a[1]));
                case "COUNT": Arity(2, 2); return Agg.Count(Measure(a[0]), Scope(a[1]));
                case "COUNTDISTINCT": Arity(2, 2); return Agg.CountDistinct(Measure(a[0]), Scope(a[1]));
                case "LONG": Arity(2, 2); return Agg.Long(Measure(a[0]), Scope(a[1]));
                case "SHORT": Arity(2, 2); return Agg.Short(Measure(a[0]), Scope(a[1]));
                case "PROD": Arity(2, 2); return Agg.Prod(Measure(a[0]), Scope(a[1]));
                case "MEDIAN": Arity(2, 2); return Agg.Median(Measure(a[0]), Scope(a[1]));
                case "QUANTILE": Arity(3, 3); return Agg.Quantile(Measure(a[0]), Scope(a[1]), Number(a[2]));
                case "VAR": Arity(2, 2); return Agg.Var(Measure(a[0]), Scope(a[1]));
                case "STD": Arity(2, 2); return Agg.Std(Measure(a[0]), Scope(a[1]));
                default:
                    // A plug-in's function (SessionConfig.ExtraAssemblies).
                    if (cube.Session.Functions.TryGetMeasureFunction(f.Name, out var function))
                    {
                        Arity(function.MinArguments, function.MaxArguments);
                        return Fn.Call(function, [.. a.Select(Measure)]);
                    }
                    throw Error(f, $"unknown measure function {f.Name}.");
            }
        }

        private static bool IsScope(FunctionCall f) => f.Name.ToUpperInvariant() is "CUMULATIVE" or "ORIGIN" or "SIBLINGS";

        private Scope Scope(MdxExpression e)
        {
            if (e is not FunctionCall f || !IsScope(f)) throw Error(e, "a scope is Cumulative(level[, start, end, partitioning level]), Origin(levels…) or Siblings(hierarchy[, excludeSelf]).");
            var a = f.Arguments;
            return f.Name.ToUpperInvariant() switch
            {
                "CUMULATIVE" => Cuboid.Scope.Cumulative(Level(a[0]), a.Count > 1 && a[1] is not NullLiteral ? (int)Number(a[1]) : null, a.Count > 2 ? (int)Number(a[2]) : 0, a.Count > 3 ? Level(a[3]) : null),
                "ORIGIN" => Cuboid.Scope.Origin([.. a.Select(Level)]),
                _ => Cuboid.Scope.Siblings(Hierarchy(a[0]), a.Count > 1 && Number(a[1]) != 0),
            };
        }

        private Condition Condition(MdxExpression e) => e switch
        {
            ParenthesizedExpression p => Condition(p.Inner),
            BinaryExpression { Operator: BinaryOperator.And } b => Condition(b.Left) & Condition(b.Right),
            BinaryExpression { Operator: BinaryOperator.Or } b => Condition(b.Left) | Condition(b.Right),
            UnaryExpression { Operator: UnaryOperator.Not } u => !Condition(u.Operand),
            FunctionCall { Name: var name, Arguments.Count: 1 } f when string.Equals(name, "IsEmpty", StringComparison.OrdinalIgnoreCase) => Measure(f.Arguments[0]).IsNull(),
            BinaryExpression b when ComparisonOperators.FromMdx(b.Operator) is { } op => new MeasureCondition(Measure(b.Left).AsOperand, op, Measure(b.Right).AsOperand),
            _ => throw Error(e, "not a condition on measures (comparisons, IsEmpty, AND, OR, NOT)."),
        };

        private Measure Named(IdentifierNode id)
        {
            var segments = id.Segments;
            var isMeasure = segments.Count == 1 || (segments.Count == 2 && string.Equals(segments[0].Name, "Measures", StringComparison.OrdinalIgnoreCase));
            if (!isMeasure || segments[^1].IsKey) throw Error(id, "not a measure name such as [Measures].[Store Sales].");
            var name = segments[^1].Name;
            if (!cube.Measures.Contains(name)) throw error($"unknown measure '{name}' (the cube's measures: {string.Join(", ", cube.Measures.Select(m => m.Name))}).");
            return cube.Measures[name];
        }

        private Level? TryLevel(IdentifierNode id)
        {
            var names = id.Segments.Select(s => s.Name).ToArray();
            if (names.Length is < 1 or > 3 || string.Equals(names[0], "Measures", StringComparison.OrdinalIgnoreCase)) return null;
            return cube.Hierarchies.SelectMany(h => h.Levels).FirstOrDefault(l => l.Name == names[^1]
                && (names.Length < 2 || l.Hierarchy.Name == names[^2] || (names.Length == 2 && l.Hierarchy.Dimension == names[0]))
                && (names.Length < 3 || l.Hierarchy.Dimension == names[0]));
        }

        private Level Level(MdxExpression e) =>
            e is IdentifierNode id && TryLevel(id) is { } level ? level : throw Error(e, "not a level of the cube ([Dimension].[Hierarchy].[Level]).");

        private Hierarchy Hierarchy(MdxExpression e)
        {
            if (e is IdentifierNode id && id.Segments.Count is 1 or 2)
            {
                var names = id.Segments.Select(s => s.Name).ToArray();
                var found = cube.Hierarchies.FirstOrDefault(h => names.Length == 1 ? h.Name == names[0] : h.Dimension == names[0] && h.Name == names[1]);
                if (found is not null) return found;
            }
            throw Error(e, "not a hierarchy of the cube ([Dimension].[Hierarchy]).");
        }

        private double Number(MdxExpression e) => e switch
        {
            NumberLiteral n => n.Value,
            UnaryExpression { Operator: UnaryOperator.Minus, Operand: NumberLiteral n } => -n.Value,
            _ => throw Error(e, "a number is expected here."),
        };

        private string Text(MdxExpression e) => e is StringLiteral s ? s.Value : throw Error(e, "a string is expected here.");

        private object Value(MdxExpression e) => e switch
        {
            StringLiteral s => s.Value,
            NumberLiteral n when n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) < int.MaxValue => (int)n.Value,
            NumberLiteral n => n.Value,
            _ => throw Error(e, "a member value (a string or a number) is expected here."),
        };
    }
}
