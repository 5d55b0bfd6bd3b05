using Cuboid.Mdx.Execution;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// The static type of a bound expression, as far as binding can tell: <see cref="Unknown"/> where only
/// evaluation can (an alias, a named set, a function that returns a member or a tuple as it goes).
/// </summary>
internal enum MdxType
{
    Unknown,
    Set,
    Tuple,
    Member,
    Level,
    Hierarchy,
    Dimension,
    Numeric,
    String,
    Logical,

    /// <summary>A bare keyword argument (DESC, RECURSIVE, SELF_AND_AFTER…).</summary>
    Symbol,

    /// <summary>NULL, or an omitted argument.</summary>
    Empty,
}

internal static class MdxTypes
{
    public static MdxType Of(object? value) => value switch
    {
        MdxSet => MdxType.Set,
        MdxMember[] => MdxType.Tuple,
        MdxMember => MdxType.Member,
        MdxLevel => MdxType.Level,
        MdxHierarchy => MdxType.Hierarchy,
        MdxDimension => MdxType.Dimension,
        double => MdxType.Numeric,
        string => MdxType.String,
        bool => MdxType.Logical,
        null => MdxType.Empty,
        _ => MdxType.Unknown,
    };

    /// <summary>A value already (numbers, strings, booleans): using it as one reads no cell.</summary>
    public static bool IsScalar(this MdxType type) => type is MdxType.Numeric or MdxType.String or MdxType.Logical or MdxType.Empty;

    public static string Describe(this MdxType type) => type switch
    {
        MdxType.Numeric => "a number",
        MdxType.String => "a string",
        MdxType.Logical => "a logical value",
        MdxType.Set => "a set",
        MdxType.Tuple => "a tuple",
        MdxType.Member => "a member",
        MdxType.Level => "a level",
        MdxType.Hierarchy => "a hierarchy",
        MdxType.Dimension => "a dimension",
        _ => "an expression",
    };
}
