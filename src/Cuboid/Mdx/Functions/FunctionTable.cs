using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

/// <summary>One call of an MDX function: its arguments (for <c>x.Fn(a)</c>, x comes first) and where it is written.</summary>
internal sealed record FunctionCallSite(string Name, IReadOnlyList<MdxExpression> Arguments, MdxNode At)
{
    public int Count => Arguments.Count;

    /// <summary>An argument; one the call does not have is the caller's error (MDX0111), whichever function asks for it.</summary>
    public MdxExpression this[int index] => index < Arguments.Count ? Arguments[index] : throw new MissingArgumentException(this, index);

    public bool Has(int index) => index < Arguments.Count && Arguments[index] is not EmptyExpression;
}

/// <summary>A function read an argument its call does not have; <see cref="FunctionTable.Call"/> reports it at the call.</summary>
internal sealed class MissingArgumentException(FunctionCallSite site, int index) : Exception($"Argument {index + 1} of {site.Name} is missing.")
{
    public FunctionCallSite Site { get; } = site;
    public int Index { get; } = index;
}

internal delegate object? MdxFunction(Evaluator evaluator, MdxContext context, FunctionCallSite call);

/// <summary>
/// The MDX functions by name (case-insensitive). Each family registers itself from its own
/// file; a method call <c>target.Fn(args)</c> and a property <c>target.Fn</c> are calls with the
/// target as first argument.
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

    public static object? Call(Evaluator evaluator, string name, MdxExpression? target, IReadOnlyList<MdxExpression> arguments, MdxContext context, MdxNode at)
    {
        if (!s_functions.TryGetValue(name, out var function))
        {
            throw evaluator.Error(at, MdxErrorCodes.UnknownFunction, $"Unknown function '{name}'.");
        }
        IReadOnlyList<MdxExpression> all = target is null ? arguments : [target, .. arguments];
        CheckArity(evaluator, name, all, at);
        var site = new FunctionCallSite(name, all, at);
        try
        {
            return function(evaluator, context, site);
        }
        catch (MissingArgumentException missing) when (ReferenceEquals(missing.Site, site))
        {
            throw evaluator.Error(at, MdxErrorCodes.WrongArgumentCount, $"Function '{name}' needs argument {missing.Index + 1}; {all.Count} given.");
        }
    }

    /// <summary>Too few arguments is an error at the call, too many at the first one too many (MDX0111), before the function runs.</summary>
    private static void CheckArity(Evaluator evaluator, string name, IReadOnlyList<MdxExpression> arguments, MdxNode at)
    {
        if (!FunctionSignatures.All.TryGetValue(name, out var signature)) return;
        if (arguments.Count >= signature.MinArguments && arguments.Count <= signature.MaxArguments) return;
        var counted = signature.Syntax.StartsWith('<') ? ", its target counted" : "";
        var expected = signature.MinArguments == signature.MaxArguments ? $"{signature.MinArguments}"
            : signature.MaxArguments == int.MaxValue ? $"at least {signature.MinArguments}" : $"{signature.MinArguments} to {signature.MaxArguments}";
        throw evaluator.Error(arguments.Count > signature.MaxArguments ? arguments[signature.MaxArguments] : at, MdxErrorCodes.WrongArgumentCount,
            $"{signature.Name} is written {signature.Syntax}: {expected} argument(s){counted}; {arguments.Count} given.");
    }

    internal static void RequireArguments(Evaluator evaluator, FunctionCallSite call, int min, int max = int.MaxValue)
    {
        if (call.Count < min || call.Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw evaluator.Error(call.At, MdxErrorCodes.WrongArgumentCount, $"Function '{call.Name}' takes {expected} argument(s); {call.Count} given.");
        }
    }
}
