using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

/// <summary>One call of an MDX function: its bound arguments (for <c>x.Fn(a)</c>, x comes first) and where it is written.</summary>
internal sealed record FunctionCallSite(string Name, IReadOnlyList<Calc> Arguments, ILocated At)
{
    public int Count => Arguments.Count;

    /// <summary>An argument; one the call does not have is the caller's error (MDX0111), whichever function asks for it.</summary>
    public Calc this[int index] => index < Arguments.Count ? Arguments[index] : throw new MissingArgumentException(this, index);

    public bool Has(int index) => index < Arguments.Count && Arguments[index] is not OmittedCalc;
}

/// <summary>A function read an argument its call does not have; <see cref="FunctionCalc"/> reports it at the call.</summary>
internal sealed class MissingArgumentException(FunctionCallSite site, int index) : Exception($"Argument {index + 1} of {site.Name} is missing.")
{
    public FunctionCallSite Site { get; } = site;
    public int Index { get; } = index;
}

internal delegate object? MdxFunction(Evaluator evaluator, MdxContext context, FunctionCallSite call);

/// <summary>
/// The MDX functions by name (case-insensitive). Each family registers itself from its own
/// file; a method call <c>target.Fn(args)</c> and a property <c>target.Fn</c> are calls with the
/// target as first argument. The binder finds them here, with their <see cref="FunctionSignatures"/>.
/// </summary>
internal static class FunctionTable
{
    private static readonly Dictionary<string, MdxFunction> s_functions = new(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> s_properties = new(StringComparer.OrdinalIgnoreCase);

    static FunctionTable()
    {
        SetFunctions.Register();
        NavigationFunctions.Register();
        ValueFunctions.Register();
        StatisticalFunctions.Register();
        StringFunctions.Register();
        VbaFunctions.Register();
    }

    public static IEnumerable<string> Names => s_functions.Keys;

    /// <summary>A function usable as <c>x.Name</c> without parentheses.</summary>
    public static bool IsProperty(string name) => s_properties.Contains(name);

    internal static void Add(string name, MdxFunction function, bool property = false)
    {
        s_functions[name] = function;
        if (property) s_properties.Add(name);
    }

    public static bool TryGet(string name, out MdxFunction function) => s_functions.TryGetValue(name, out function!);
}
