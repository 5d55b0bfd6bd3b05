namespace Cuboid.Mdx.Execution;

// The part of QueryExecutor that DRILLTHROUGH uses: the SELECT is bound and its axes evaluated
// as for a query, but instead of computing cells it yields the one cell they address.
internal sealed partial class QueryExecutor
{
    /// <summary>
    /// The context of the one cell the SELECT addresses (every hierarchy's member: the slicer's,
    /// the axes', the defaults) and the query's filter (a slicer set of several tuples, a user's restriction).
    /// </summary>
    internal (MdxContext Cell, Condition? Filter, Evaluator Evaluator) AddressCell()
    {
        var (context, _, filter, reader, evaluator) = Prepare();
        var readCells = new bool[_select.Axes.Count];
        var axes = EvaluateAxes(evaluator, context, null, readCells);
        // Axes such as TopCount or Filter depend on values: load them as a SELECT would.
        for (var round = 0; reader.Missed && round < MaxRounds; round++)
        {
            reader.LoadPending();
            _query.Lap(QueryPhase.Loading);
            axes = EvaluateAxes(evaluator, context, axes, readCells);
        }
        _query.AxisPositions = [.. axes.Select(a => a.Count)];
        var specs = _select.Axes.OrderBy(a => a.Ordinal).ToList();
        for (var a = 0; a < axes.Count; a++)
        {
            if (axes[a].Count == 1) continue;
            throw new MdxEvaluationException(Diagnostic(_source, specs[a], MdxErrorCodes.DrillthroughOfSeveralCells,
                $"DRILLTHROUGH returns the rows of one cell, but axis {specs[a].AxisName} has {axes[a].Count} positions."));
        }
        return (context.With(axes.SelectMany(a => a.Tuples[0])), filter, evaluator);
    }
}
