using System.Globalization;
using System.Runtime.CompilerServices;
using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Evaluates bound MDX expressions (<see cref="Calc"/>s, made by the query's <see cref="Binding.Binder"/>)
/// against a catalog in a context (the current member of every hierarchy). Cell values go through the
/// <see cref="CellReader"/>, which loads them in bulk. Partial files: Evaluator.Cells.cs (cell values,
/// calculated members), Evaluator.Coerce.cs (conversions between value kinds), Evaluator.NamedSets.cs.
/// </summary>
internal sealed partial class Evaluator(MdxCatalog catalog, CellReader reader, Binder binder)
{
    // Distinct calculated members may nest this deep (checked before evaluating, CalculatedMeasures.CheckNesting);
    // a recursive one (a running total over days) may recurse further, up to FormulaCellCalc.MaxRecursion.
    // Either way the stack is checked on the way down (Evaluate).
    private const int MaxDepth = 64;

    public MdxCatalog Catalog { get; } = catalog;
    public CellReader Reader { get; } = reader;
    public SourceText Source => binder.Source;

    public Binder Binder => binder;

    /// <summary>The query's limits (time, set sizes); null for evaluations outside a query.</summary>
    public QueryContext? Query { get; init; }

    private int _evaluations;

    public object? Evaluate(Calc calc, MdxContext context)
    {
        // Parsing bounds each formula's depth and binding the nesting of calculated members; should a query
        // still nest deeper than the stack holds, it fails (MDX0017, QueryExecutor.Bind) instead of the process.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        // Every loop that evaluates per tuple (Filter, Generate, Order…) passes here: the time limit is read
        // every few thousand evaluations, never per one.
        if ((++_evaluations & 4095) == 0) Query?.Check();
        return calc.Evaluate(this, context);
    }

    /// <summary>Binds <paramref name="expression"/> (once: the binder keeps its calc) and evaluates it.</summary>
    public object? Evaluate(MdxExpression expression, MdxContext context) => Evaluate(binder.Bind(expression), context);

    /// <summary>Fails (<c>MDX0302</c>, at <paramref name="at"/>) when a set about to be built would hold more tuples than the query allows.</summary>
    public void CheckSetSize(double tuples, ILocated at)
    {
        if (Query?.Options.MaxSetTuples is not { } max || tuples <= max) return;
        throw Error(at, MdxErrorCodes.SetTooLarge, string.Create(CultureInfo.InvariantCulture,
            $"The set would have {tuples:N0} tuples, more than the query's limit of {max:N0} (QueryOptions.MaxSetTuples)."));
    }

    /// <summary>Throws <c>MDX0300</c> once the query's time limit has passed (for loops that evaluate nothing per item).</summary>
    public void CheckTime() => Query?.Check();

    /// <summary>Whether <paramref name="name"/> is a WITH SET of the query.</summary>
    public bool IsNamedSet(string name) => binder.IsNamedSet(name);

    /// <summary>A tuple; null (empty) when one of its members is missing, such as the PrevMember of the first period.</summary>
    public MdxMember[]? Tuple(IEnumerable<object?> values, ILocated at)
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
    public object? Arithmetic(BinaryOperator op, object? l, object? r, ILocated at)
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

    public MdxEvaluationException Error(ILocated at, string code, string message) => MdxEvaluationException.At(Source, at, code, message);

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

    internal static int MaxNesting => MaxDepth;
}
