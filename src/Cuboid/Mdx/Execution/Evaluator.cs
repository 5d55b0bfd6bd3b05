using System.Globalization;
using System.Runtime.CompilerServices;
using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Evaluates MDX expressions against a catalog in a context (the current member of every
/// hierarchy). A tree-walking interpreter: sets and members are computed once per query, and
/// cell values go through the <see cref="CellReader"/>, which loads them in bulk. Partial files:
/// Evaluator.Names.cs (identifiers), Evaluator.Cells.cs (cell values, calculated members),
/// Evaluator.Coerce.cs (conversions between value kinds).
/// </summary>
internal sealed partial class Evaluator(MdxCatalog catalog, CellReader reader, SourceText source, IReadOnlyDictionary<string, MdxExpression> namedSets)
{
    // Distinct calculated members may nest this deep (checked before evaluating, CalculatedMeasures.CheckNesting);
    // a recursive one (a running total over days) may recurse further, up to MaxRecursion. Either way the
    // stack is checked on the way down (Evaluate).
    private const int MaxDepth = 64;
    private const int MaxRecursion = 1024;

    public MdxCatalog Catalog { get; } = catalog;
    public CellReader Reader { get; } = reader;
    public SourceText Source { get; } = source;

    /// <summary>The query's limits (time, set sizes); null for evaluations outside a query.</summary>
    public QueryContext? Query { get; init; }

    private int _evaluations;

    public object? Evaluate(MdxExpression expression, MdxContext context)
    {
        // Parsing bounds each formula's depth and binding the nesting of calculated members; should a query
        // still nest deeper than the stack holds, it fails (MDX0017, QueryExecutor.Bind) instead of the process.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        // Every loop that evaluates per tuple (Filter, Generate, Order…) passes here: the time limit is read
        // every few thousand evaluations, never per one.
        if ((++_evaluations & 4095) == 0) Query?.Check();
        return EvaluateNode(expression, context);
    }

    /// <summary>Fails (<c>MDX0302</c>, at <paramref name="at"/>) when a set about to be built would hold more tuples than the query allows.</summary>
    public void CheckSetSize(double tuples, MdxNode at)
    {
        if (Query?.Options.MaxSetTuples is not { } max || tuples <= max) return;
        throw Error(at, MdxErrorCodes.SetTooLarge, string.Create(CultureInfo.InvariantCulture,
            $"The set would have {tuples:N0} tuples, more than the query's limit of {max:N0} (QueryOptions.MaxSetTuples)."));
    }

    /// <summary>Throws <c>MDX0300</c> once the query's time limit has passed (for loops that evaluate nothing per item).</summary>
    public void CheckTime() => Query?.Check();

    /// <summary>Whether <paramref name="name"/> is a WITH SET of the query.</summary>
    public bool IsNamedSet(string name) => namedSets.ContainsKey(name);

    private object? EvaluateNode(MdxExpression expression, MdxContext context) => expression switch
    {
        ValueNode v => v.Value,
        NumberLiteral n => n.Value,
        StringLiteral s => s.Value,
        NullLiteral => null,
        EmptyExpression => null,
        IdentifierNode id => ResolveIdentifier(id, context),
        ParenthesizedExpression p => EvaluateParenthesized(p, context),
        TupleLiteral t => Tuple(t.Elements.Select(e => Evaluate(e, context) is var value && value is MdxHierarchy { IsMeasures: false } h ? context.Current(h) : value), t),
        SetLiteral s => SetLiteral(s, context),
        FunctionCall f => FunctionTable.Call(this, f.Name, null, f.Arguments, context, f),
        MethodCall m => FunctionTable.Call(this, m.Name, m.Target, m.Arguments, context, m),
        PropertyAccess p => FunctionTable.Call(this, p.Property.Name, p.Target, [], context, p),
        UnaryExpression u => Unary(u, context),
        BinaryExpression b => Binary(b, context),
        RangeExpression r => Range(r, context),
        CaseExpression c => Case(c, context),
        AliasExpression a => Evaluate(a.Expression, context),
        ErrorExpression e => throw Error(e, MdxErrorCodes.SyntaxErrorReached, "The query has a syntax error here."),
        _ => throw Error(expression, MdxErrorCodes.CannotEvaluate, $"Cannot evaluate {expression.GetType().Name}."),
    };

    private object? EvaluateParenthesized(ParenthesizedExpression p, MdxContext context)
    {
        var inner = Evaluate(p.Inner, context);
        return inner is MdxMember m ? new[] { m } : inner;   // (member) is a one-member tuple; (number) a number
    }

    /// <summary><c>{a, b, …}</c>: every element's tuples must have the same hierarchies in the same order, as in SSAS and Mondrian.</summary>
    private MdxSet SetLiteral(SetLiteral set, MdxContext context)
    {
        var tuples = new List<MdxMember[]>();
        foreach (var element in set.Elements)
        {
            var value = Evaluate(element, context);
            var part = AsSet(value, element).Tuples;
            if (part.Count > 0 && tuples.Count > 0 && !SameHierarchies(tuples[0], part[0]))
            {
                throw Error(element, MdxErrorCodes.MixedSet, $"The members of a set must have the same hierarchies: {Shape(part[0])} follows {Shape(tuples[0])}.");
            }
            tuples.AddRange(part);
        }
        return new MdxSet(tuples);
    }

    private static bool SameHierarchies(MdxMember[] a, MdxMember[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Hierarchy != b[i].Hierarchy) return false;
        }
        return true;
    }

    private static string Shape(MdxMember[] tuple) => tuple.Length == 1 ? tuple[0].UniqueName : "(" + string.Join(", ", tuple.Select(m => m.UniqueName)) + ")";

    /// <summary>A tuple; null (empty) when one of its members is missing, such as the PrevMember of the first period.</summary>
    private MdxMember[]? Tuple(IEnumerable<object?> values, MdxExpression at)
    {
        var members = new List<MdxMember>();
        foreach (var value in values)
        {
            switch (value)
            {
                case null: return null;
                case MdxMember m: members.Add(m); break;
                case MdxMember[] t: members.AddRange(t); break;
                case MdxIteration i: members.AddRange(i.Tuple); break;
                case MdxSet { Count: 1 } s: members.AddRange(s.Tuples[0]); break;
                case MdxHierarchy h when h.DefaultMember is { } d: members.Add(d); break;
                default: throw Error(at, MdxErrorCodes.TupleOfNonMembers, $"A tuple is made of members; found {Describe(value)}.");
            }
        }
        var duplicate = members.GroupBy(m => m.Hierarchy).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw Error(at, MdxErrorCodes.HierarchyTwiceInTuple, $"Tuple has more than one member of hierarchy {duplicate.Key.UniqueName}.");
        return [.. members];
    }

    private object? Range(RangeExpression range, MdxContext context)
    {
        var startValue = Evaluate(range.Start, context);
        var endValue = Evaluate(range.End, context);
        if (startValue is null || endValue is null) return MdxSet.Empty;   // a range bounded by a missing member is empty
        var start = AsMember(startValue, range.Start);
        var end = AsMember(endValue, range.End);
        if (ReferenceEquals(start, end)) return MdxSet.Of([start]);
        if (start.Hierarchy != end.Hierarchy || start.Depth != end.Depth || start.Kind != MemberKind.Regular || end.Kind != MemberKind.Regular)
        {
            throw Error(range, MdxErrorCodes.BadRange, $"A range needs two members of one level: {start.UniqueName} and {end.UniqueName} are not.");
        }
        var members = start.Hierarchy.MembersAt(start.Depth);
        var (a, b) = (members.IndexOf(start), members.IndexOf(end));
        if (a > b) (a, b) = (b, a);
        return MdxSet.Of(members.Skip(a).Take(b - a + 1));
    }

    private object? Case(CaseExpression c, MdxContext context)
    {
        var operand = c.Operand is null ? null : Evaluate(c.Operand, context);
        foreach (var when in c.Whens)
        {
            var matched = c.Operand is null
                ? AsBoolean(Scalar(Evaluate(when.When, context), context))
                : Matches(operand, Evaluate(when.When, context), context);
            if (matched) return Evaluate(when.Then, context);
        }
        return c.Else is null ? null : Evaluate(c.Else, context);
    }

    /// <summary>CASE operand matching: members and tuples by identity, anything else by value.</summary>
    private bool Matches(object? operand, object? candidate, MdxContext context)
    {
        if (operand is MdxMember or MdxMember[] && candidate is MdxMember or MdxMember[])
        {
            MdxMember[] a = operand is MdxMember m ? [m] : (MdxMember[])operand;
            MdxMember[] b = candidate is MdxMember n ? [n] : (MdxMember[])candidate;
            return Functions.TupleComparer.Instance.Equals(a, b);
        }
        return Compare(Scalar(operand, context), Scalar(candidate, context)) is 0;
    }

    private object? Unary(UnaryExpression u, MdxContext context)
    {
        var value = Scalar(Evaluate(u.Operand, context), context);
        return u.Operator switch
        {
            UnaryOperator.Minus => value is null ? null : AsNumber(value, u) is var x && x == 0 ? 0d : -x,
            UnaryOperator.Plus => value,
            _ => !AsBoolean(value),
        };
    }

    private object? Binary(BinaryExpression b, MdxContext context)
    {
        switch (b.Operator)
        {
            case BinaryOperator.And: return AsBoolean(Scalar(Evaluate(b.Left, context), context)) && AsBoolean(Scalar(Evaluate(b.Right, context), context));
            case BinaryOperator.Or: return AsBoolean(Scalar(Evaluate(b.Left, context), context)) || AsBoolean(Scalar(Evaluate(b.Right, context), context));
            case BinaryOperator.Xor: return AsBoolean(Scalar(Evaluate(b.Left, context), context)) ^ AsBoolean(Scalar(Evaluate(b.Right, context), context));
            case BinaryOperator.Is: return Is(Evaluate(b.Left, context), Evaluate(b.Right, context));
            case BinaryOperator.In or BinaryOperator.NotIn: return In(b, context) ^ (b.Operator == BinaryOperator.NotIn);
            case BinaryOperator.Matches: return Matches(Text(Scalar(Evaluate(b.Left, context), context)), Text(Scalar(Evaluate(b.Right, context), context)), b);
        }
        var left = Evaluate(b.Left, context);
        var right = Evaluate(b.Right, context);
        if (b.Operator == BinaryOperator.Multiply && (IsSetLike(left) || IsSetLike(right)) && !(left is double || right is double))
        {
            return SetFunctions.CrossJoin(this, b, AsSet(left, b.Left), AsSet(right, b.Right));
        }
        if (b.Operator is BinaryOperator.Add or BinaryOperator.Subtract && left is MdxSet && right is MdxSet)
        {
            return b.Operator == BinaryOperator.Add ? SetFunctions.Union(this, b, AsSet(left, b.Left), AsSet(right, b.Right), all: false) : SetFunctions.Except(AsSet(left, b.Left), AsSet(right, b.Right));
        }
        var l = Scalar(left, context);
        var r = Scalar(right, context);
        return b.Operator switch
        {
            BinaryOperator.Concat => $"{Text(l)}{Text(r)}",
            BinaryOperator.Add when l is string || r is string => $"{Text(l)}{Text(r)}",
            _ when IsComparison(b.Operator) => Compares(b.Operator, l, r),
            _ => Arithmetic(b.Operator, l, r, b),
        };
    }

    public static bool IsComparison(BinaryOperator op) =>
        op is BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual;

    /// <summary>A comparison with MDX's rules (empty as 0 or "", see <see cref="Compare"/>).</summary>
    public static bool Compares(BinaryOperator op, object? l, object? r) => op switch
    {
        BinaryOperator.Equal => Compare(l, r) is 0,
        BinaryOperator.NotEqual => Compare(l, r) is not 0,
        BinaryOperator.Less => Compare(l, r) is < 0,
        BinaryOperator.LessOrEqual => Compare(l, r) is <= 0,
        BinaryOperator.Greater => Compare(l, r) is > 0,
        _ => Compare(l, r) is >= 0,
    };

    /// <summary>
    /// MDX arithmetic as Mondrian does it: empty beside a value acts as 0 for + and -, makes *
    /// empty, and divides as 0 (x/empty is infinity); empty with empty is empty; -0 prints as 0.
    /// </summary>
    private object? Arithmetic(BinaryOperator op, object? l, object? r, MdxExpression at)
    {
        if (l is null && r is null) return null;
        if (op is BinaryOperator.Multiply && (l is null || r is null) || op is BinaryOperator.Divide && l is null) return null;
        var a = l is null ? 0 : AsNumber(l, at);
        var b = r is null ? 0 : AsNumber(r, at);
        var result = op switch
        {
            BinaryOperator.Add => a + b,
            BinaryOperator.Subtract => a - b,
            BinaryOperator.Multiply => a * b,
            _ => b == 0 && a == 0 ? double.NaN : a / b,
        };
        return result == 0 ? 0d : result;
    }

    /// <summary>Orders two scalars; null compares as 0 or "", as Mondrian does; mixed kinds are unordered (null).</summary>
    private static int? Compare(object? l, object? r)
    {
        if (l is string || r is string) return string.Compare(Text(l), Text(r), StringComparison.Ordinal);
        if (l is bool || r is bool) return (l is true ? 1 : 0).CompareTo(r is true ? 1 : 0);
        return (l is null ? 0 : Convert.ToDouble(l, System.Globalization.CultureInfo.InvariantCulture))
            .CompareTo(r is null ? 0 : Convert.ToDouble(r, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary><c>member IN set</c> (Mondrian): whether the member, or tuple, is one of the set's.</summary>
    private bool In(BinaryExpression b, MdxContext context)
    {
        var value = Evaluate(b.Left, context);
        if (value is null) return false;
        MdxMember[] tuple = value is MdxMember[] t ? t : [MemberOf(value, b.Left, context)];
        return AsSet(Evaluate(b.Right, context), b.Right).Tuples.Any(other => Functions.TupleComparer.Instance.Equals(other, tuple));
    }

    /// <summary>
    /// <c>text MATCHES pattern</c>: a regular expression found in the text (Java's syntax, which .NET reads alike).
    /// A pattern gets a time limit, so that a catastrophic one fails the query instead of holding a core.
    /// </summary>
    private bool Matches(string text, string pattern, MdxNode at)
    {
        try
        {
            return System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
        }
        catch (ArgumentException bad)
        {
            throw Error(at, MdxErrorCodes.BadRegularExpression, $"MATCHES: \"{pattern}\" is not a regular expression: {bad.Message}");
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw Error(at, MdxErrorCodes.BadRegularExpression, $"MATCHES: the regular expression \"{pattern}\" took too long.");
        }
    }

    private static bool Is(object? left, object? right) => (left, right) switch
    {
        (MdxMember a, MdxMember b) => ReferenceEquals(a, b),
        (MdxLevel a, MdxLevel b) => ReferenceEquals(a, b),
        (MdxHierarchy a, MdxHierarchy b) => ReferenceEquals(a, b),
        (null, null) => true,
        _ => Equals(left, right),
    };

    public MdxEvaluationException Error(MdxNode at, string code, string message)
    {
        var (line, column) = Source.GetLineColumn(at.Span.Start);
        return new MdxEvaluationException(new MdxDiagnostic(code, message, line, column, at.Span.Start, at.Span.Length));
    }

    public static string Describe(object? value) => value switch
    {
        null => "an empty value",
        MdxSet => "a set",
        MdxIteration => "the tuple at hand of a set",
        MdxMember[] => "a tuple",
        MdxMember m => $"the member {m.UniqueName}",
        MdxLevel l => $"the level {l.UniqueName}",
        MdxHierarchy h => $"the hierarchy {h.UniqueName}",
        MdxDimension d => $"the dimension {d.UniqueName}",
        string s => $"the string \"{s}\"",
        _ => $"the value {Text(value)}",
    };

    internal int MaxNesting => MaxDepth;
}
