using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace Cuboid;

/// <summary>
/// The measure and aggregation functions a session knows by name (<see cref="Session.Functions"/>): the built-in math functions
/// of <see cref="Fn"/>, and those plug-ins add — the public types implementing <see cref="IMeasureFunction"/> or
/// <see cref="IAggregationFunction"/> of the assemblies of <see cref="SessionConfig.ExtraAssemblies"/>, or instances given to
/// <see cref="Add(IMeasureFunction)"/>. Model files' formulas and aggregations and MDX call them by name (any case).
/// </summary>
public sealed partial class SessionFunctions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IMeasureFunction> _measureFunctions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IAggregationFunction> _aggregationFunctions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Names that mean something already: MDX's functions, the formula language's, the built-in aggregations.</summary>
    private static readonly HashSet<string> s_reserved = new(
        Mdx.Functions.FunctionTable.Names.Concat(Measures.MeasureFormula.FunctionNames).Concat(["SUM", "MEAN", "AVG", "MIN", "MAX", "COUNT", "DISTINCTCOUNT", "COUNTDISTINCT"]),
        StringComparer.OrdinalIgnoreCase);

    internal SessionFunctions()
    {
        foreach (var function in BuiltInMeasureFunctions.All) _measureFunctions[function.Name] = function;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex Identifier();

    /// <summary>The measure functions: the built-in math functions and the plug-ins'.</summary>
    public IReadOnlyList<IMeasureFunction> MeasureFunctions
    {
        get { lock (_lock) return [.. _measureFunctions.Values.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)]; }
    }

    /// <summary>The plug-ins' aggregation functions.</summary>
    public IReadOnlyList<IAggregationFunction> AggregationFunctions
    {
        get { lock (_lock) return [.. _aggregationFunctions.Values.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)]; }
    }

    /// <summary>Adds a measure function; its name must be an identifier no function has yet.</summary>
    public void Add(IMeasureFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        lock (_lock) Register(_measureFunctions, function.Name, function, function.GetType());
    }

    /// <summary>Adds an aggregation function; its name must be an identifier no function has yet.</summary>
    public void Add(IAggregationFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        lock (_lock) Register(_aggregationFunctions, function.Name, function, function.GetType());
    }

    /// <summary>The measure function of this name (any case); an unknown name is a <see cref="KeyNotFoundException"/> listing the known ones.</summary>
    public IMeasureFunction MeasureFunction(string name) => TryGetMeasureFunction(name, out var function) ? function
        : throw new KeyNotFoundException($"No measure function '{name}'; the session's: {string.Join(", ", MeasureFunctions.Select(f => f.Name))}.");

    /// <summary>The aggregation function of this name (any case); an unknown name is a <see cref="KeyNotFoundException"/> listing the known ones.</summary>
    public IAggregationFunction AggregationFunction(string name) => TryGetAggregationFunction(name, out var function) ? function
        : throw new KeyNotFoundException($"No aggregation function '{name}'; the session's: {(AggregationFunctions.Count == 0 ? "none (add them with SessionConfig.ExtraAssemblies)" : string.Join(", ", AggregationFunctions.Select(f => f.Name)))}.");

    /// <summary>The measure function of this name (any case), if the session has one.</summary>
    public bool TryGetMeasureFunction(string name, out IMeasureFunction function)
    {
        lock (_lock) return _measureFunctions.TryGetValue(name, out function!);
    }

    /// <summary>The aggregation function of this name (any case), if the session has one.</summary>
    public bool TryGetAggregationFunction(string name, out IAggregationFunction function)
    {
        lock (_lock) return _aggregationFunctions.TryGetValue(name, out function!);
    }

    private void Register<T>(Dictionary<string, T> functions, string? name, T function, Type type)
    {
        if (name is null || !Identifier().IsMatch(name)) throw new ArgumentException($"{type.FullName}: '{name}' is not a function name (a letter, then letters, digits or '_').");
        if (s_reserved.Contains(name) || _measureFunctions.ContainsKey(name) || _aggregationFunctions.ContainsKey(name))
        {
            throw new ArgumentException($"{type.FullName}: a function named '{name}' exists already.");
        }
        functions[name] = function;
    }

    /// <summary>
    /// Loads a plug-in assembly and adds an instance of each of its public, concrete types implementing
    /// <see cref="IMeasureFunction"/> or <see cref="IAggregationFunction"/> (made with their parameterless constructor). The
    /// assembly is loaded into the application's own context, so it shares Cuboid's types; it cannot be unloaded.
    /// </summary>
    public void AddAssembly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Extra assembly '{path}': no such file.", full);
        Type[] types;
        try
        {
            types = AssemblyLoadContext.Default.LoadFromAssemblyPath(full).GetExportedTypes();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException)
        {
            throw new ArgumentException($"Extra assembly '{path}' cannot be loaded: {e.Message}", e);
        }
        var found = types.Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(IMeasureFunction).IsAssignableFrom(t) || typeof(IAggregationFunction).IsAssignableFrom(t))).ToList();
        if (found.Count == 0) throw new ArgumentException($"Extra assembly '{path}' has no public class implementing IMeasureFunction or IAggregationFunction.");
        foreach (var type in found)
        {
            if (type.GetConstructor(Type.EmptyTypes) is null) throw new ArgumentException($"Extra assembly '{path}': {type.FullName} has no public parameterless constructor.");
            object instance;
            try
            {
                instance = Activator.CreateInstance(type)!;
            }
            catch (TargetInvocationException e)
            {
                throw new ArgumentException($"Extra assembly '{path}': {type.FullName}'s constructor failed: {e.InnerException?.Message}", e.InnerException ?? e);
            }
            if (instance is IMeasureFunction measureFunction) Add(measureFunction);
            if (instance is IAggregationFunction aggregationFunction) Add(aggregationFunction);
        }
    }
}
