using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

internal sealed partial class Evaluator
{
    private readonly Dictionary<string, MdxSet> _namedSetValues = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _evaluatingSets = new(StringComparer.OrdinalIgnoreCase);
    private MdxContext? _queryContext;

    /// <summary>
    /// Evaluates every WITH SET once, in the query's context (the slicer, the default members): a named
    /// set is static, the same on every row and in every cell that reads it, as in Mondrian and SSAS.
    /// Called at the start of each round of the query, since a set ordered or filtered on values is only
    /// right once its cells are loaded. Returns whether any set read a cell.
    /// </summary>
    public bool EvaluateNamedSets(MdxContext queryContext)
    {
        _namedSetValues.Clear();
        _queryContext = queryContext;
        var reads = Reader.Reads;
        foreach (var (name, definition) in Binder.NamedSets) NamedSet(name, definition, definition, queryContext);
        return Reader.Reads != reads;
    }

    /// <summary>
    /// The value of a named set. Before <see cref="EvaluateNamedSets"/> (while the slicer is bound) it is
    /// evaluated where it is named; a set that refers to itself, directly or not, is an error.
    /// </summary>
    public MdxSet NamedSet(string name, Calc definition, ILocated at, MdxContext context)
    {
        if (_namedSetValues.TryGetValue(name, out var known)) return known;
        if (!_evaluatingSets.Add(name)) throw Error(at, MdxErrorCodes.NamedSetCycle, $"The named set [{name}] refers to itself.");
        try
        {
            var value = AsSet(Evaluate(definition, _queryContext ?? context), at);
            if (_queryContext is not null) _namedSetValues[name] = value;
            return value;
        }
        finally
        {
            _evaluatingSets.Remove(name);
        }
    }
}
