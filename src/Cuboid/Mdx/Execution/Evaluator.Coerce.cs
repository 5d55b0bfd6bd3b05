using System.Globalization;
using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

internal sealed partial class Evaluator
{
    public static bool IsSetLike(object? value) => value is MdxSet or MdxMember or MdxMember[];

    public MdxSet AsSet(object? value, ILocated at) => value switch
    {
        MdxSet s => s,
        MdxIteration i => i.Set,
        MdxMember m => new MdxSet([[m]]),
        MdxMember[] t => new MdxSet([t]),
        MdxLevel l => MdxSet.Of(l.Members),
        MdxHierarchy h => MdxSet.Of(h.IsMeasures ? h.MeasureMembers : h.AllMember is { } all ? [all] : h.MembersAt(0)),
        null => MdxSet.Empty,
        _ => throw Error(at, MdxErrorCodes.SetExpected, $"A set was expected; found {Describe(value)}."),
    };

    public MdxMember AsMember(object? value, ILocated at) => value switch
    {
        MdxMember m => m,
        MdxMember[] { Length: 1 } t => t[0],
        MdxIteration { Tuple.Length: 1 } i => i.Tuple[0],
        MdxSet { Count: 1 } s when s.Tuples[0].Length == 1 => s.Tuples[0][0],
        MdxHierarchy h when h.DefaultMember is { } d => d,
        _ => throw Error(at, MdxErrorCodes.MemberExpected, $"A member was expected; found {Describe(value)}."),
    };

    /// <summary>A member, where a hierarchy stands for its current member (<c>[Store].PrevMember</c>).</summary>
    public MdxMember MemberOf(object? value, ILocated at, MdxContext context) =>
        value is MdxHierarchy h && !h.IsMeasures ? context.Current(h) : AsMember(value, at);

    public MdxHierarchy AsHierarchy(object? value, ILocated at) => value switch
    {
        MdxHierarchy h => h,
        MdxMember m => m.Hierarchy,
        MdxIteration { Tuple.Length: 1 } i => i.Tuple[0].Hierarchy,
        MdxLevel l => l.Hierarchy,
        MdxDimension d when Catalog.DefaultHierarchy(d.Name) is { } h => h,
        _ => throw Error(at, MdxErrorCodes.HierarchyExpected, $"A hierarchy was expected; found {Describe(value)}."),
    };

    public MdxLevel AsLevel(object? value, ILocated at) => value switch
    {
        MdxLevel l => l,
        MdxHierarchy h when h.Levels.FirstOrDefault(l => l.Depth >= 0 && string.Equals(l.Name, h.Name, StringComparison.OrdinalIgnoreCase)) is { } named => named,
        MdxMember m when m.Level is { } level => level,
        _ => throw Error(at, MdxErrorCodes.LevelExpected, $"A level was expected; found {Describe(value)}."),
    };

    /// <summary>A member or tuple used where a value is expected stands for the cell at that tuple.</summary>
    public object? Scalar(object? value, MdxContext context) => value switch
    {
        MdxMember m => CellValue(context.With(m)),
        MdxMember[] t => CellValue(context.With(t)),
        MdxIteration i => CellValue(context.With(i.Tuple)),
        MdxSet { Count: 1 } s => CellValue(context.With(s.Tuples[0])),
        _ => value,
    };

    public object? EvaluateScalar(Calc calc, MdxContext context) => Scalar(Evaluate(calc, context), context);

    public object? EvaluateScalar(MdxExpression expression, MdxContext context) => Scalar(Evaluate(expression, context), context);

    public double AsNumber(object? value, ILocated at) => value switch
    {
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        null => 0,
        IConvertible c and not string => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw Error(at, MdxErrorCodes.NumberExpected, $"A number was expected; found {Describe(value)}."),
    };

    public double? AsNullableNumber(object? value, ILocated at) => value is null ? null : AsNumber(value, at);

    public static bool AsBoolean(object? value) => value switch
    {
        bool b => b,
        double d => d != 0,
        null => false,
        string s => s.Length > 0 && !string.Equals(s, "false", StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    public static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        MdxMember m => m.UniqueName,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A count, index or distance: the number truncated toward zero, as Mondrian does (Lag(1.6) is Lag(1), Head(s, 1.5) one tuple).</summary>
    public int AsInt(Calc calc, MdxContext context) =>
        (int)Math.Clamp(Math.Truncate(AsNumber(EvaluateScalar(calc, context), calc)), int.MinValue, int.MaxValue);
}
