using System.Diagnostics;
using System.Globalization;
using Cuboid.Aggregation;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

/// <summary>The phases a query's time is split into (see <see cref="QueryTimings"/>).</summary>
internal enum QueryPhase
{
    Parse,
    Bind,
    Axes,
    Cells,
    Loading,
    Rows,
}

/// <summary>
/// One MDX query on its way: its limits (a deadline, a largest result) and what its plan
/// records — phase timings and the aggregation requests made for its cells. The deadline is
/// checked at coarse points only (rounds, batches of tuples or cells, fact chunks in scans) so
/// that the hot loops stay free of clock reads; scans see it as a <see cref="CancellationToken"/>.
/// </summary>
internal sealed class QueryContext : IDisposable
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationToken _caller;
    private readonly TimeSpan[] _phases = new TimeSpan[Enum.GetValues<QueryPhase>().Length];
    private readonly List<(LevelRef[] Levels, string[] Measures, AggregateResult Result, TimeSpan Elapsed, int Round)> _requests = [];
    private TimeSpan _lap;

    private readonly Action? _finished;

    /// <param name="mdx">The query's text.</param>
    /// <param name="options">Its limits.</param>
    /// <param name="finished">Called once when the query is disposed (the session counts running queries).</param>
    /// <param name="cancellationToken">The caller's cancellation (a client gone).</param>
    public QueryContext(string mdx, QueryOptions? options, Action? finished = null, CancellationToken cancellationToken = default)
    {
        _finished = finished;
        Mdx = mdx;
        Options = options ?? QueryOptions.Default;
        _caller = cancellationToken;
        if (Options.Timeout is { } timeout) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(options));
        if (Options.Timeout is not null || cancellationToken.CanBeCanceled)
        {
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Options.Timeout is { } limit) _deadline.CancelAfter(limit);
        }
        if (Options.MaxResultCells is { } max) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max, nameof(options));
        if (Options.MaxSetTuples is { } tuples) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tuples, nameof(options));
        if (Options.MaxDrillthroughRows is { } rows) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows, nameof(options));
    }

    public string Mdx { get; }
    public QueryOptions Options { get; }

    /// <summary>Cancelled when the time limit passes or the caller cancels (a client gone): scans stop between chunks.</summary>
    public CancellationToken Cancellation => _deadline?.Token ?? CancellationToken.None;

    /// <summary>Whether the caller cancelled the query (rather than its time limit ending it).</summary>
    public bool CancelledByCaller => _caller.IsCancellationRequested;

    /// <summary>The cube the query runs on, once bound.</summary>
    public string Cube { get; set; } = "";

    /// <summary>The slicer set restricting fact rows, as text for the plan ("" when none).</summary>
    public string Filter { get; private set; } = "";

    /// <summary>The axes' sizes when the result has no cell set (DRILLTHROUGH).</summary>
    public IReadOnlyList<int>? AxisPositions { get; set; }

    public MdxParseResult Parse()
    {
        var parsed = MdxParser.Parse(Mdx);
        Lap(QueryPhase.Parse);
        if (parsed.HasErrors) throw new MdxException(parsed.Diagnostics);
        return parsed;
    }

    /// <summary>Adds the time since the previous lap to <paramref name="phase"/>.</summary>
    public void Lap(QueryPhase phase)
    {
        var now = _watch.Elapsed;
        _phases[(int)phase] += now - _lap;
        _lap = now;
    }

    /// <summary>Throws <c>MDX0300</c> once the time limit has passed, <see cref="OperationCanceledException"/> once the caller cancelled.</summary>
    public void Check()
    {
        _caller.ThrowIfCancellationRequested();
        // The clock is read too: the timer behind the token may fire late on a busy machine.
        if (Options.Timeout is { } timeout && (Cancellation.IsCancellationRequested || _watch.Elapsed > timeout)) throw TimedOut();
    }

    public MdxException TimedOut()
    {
        var limit = Options.Timeout ?? TimeSpan.Zero;
        var text = limit.ToString(limit.Milliseconds == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
        return Error(MdxErrorCodes.Timeout, $"The query ran longer than its {text} time limit and was cancelled.");
    }

    /// <summary>
    /// <paramref name="items"/>, checking the time limit before each batch of <paramref name="batch"/>:
    /// a clock read per batch, never per item.
    /// </summary>
    public IEnumerable<T> Batches<T>(IEnumerable<T> items, int batch = 1024)
    {
        var i = 0;
        foreach (var item in items)
        {
            if (i++ % batch == 0) Check();
            yield return item;
        }
    }

    /// <summary>Fails with <c>MDX0301</c> when the axes make more cells than the limit allows.</summary>
    public void CheckResultSize(IReadOnlyList<int> axisSizes)
    {
        if (Options.MaxResultCells is not { } max) return;
        var cells = axisSizes.Aggregate(1.0, (product, size) => product * size);   // a double: no overflow on huge crossjoins
        if (cells <= max) return;
        var shape = axisSizes.Count > 1 ? $" ({string.Join(" × ", axisSizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} positions)" : "";
        throw Error(MdxErrorCodes.TooManyCells, $"The query's result would have {cells.ToString("N0", CultureInfo.InvariantCulture)} cells{shape}, more than its limit of {max.ToString("N0", CultureInfo.InvariantCulture)} cells.");
    }

    public void SetFilter(MdxSet? slicer) =>
        Filter = slicer is null ? "" : "{" + string.Join(", ", slicer.Tuples.Select(t => "(" + string.Join(", ", t.Select(m => m.UniqueName)) + ")")) + "}";

    /// <summary>Records an answered aggregation request for the plan.</summary>
    public void Record(LevelRef[] levels, IEnumerable<Measure> measures, AggregateResult result, TimeSpan elapsed, int round) =>
        _requests.Add((levels, [.. measures.Select(m => m.UniqueName)], result, elapsed, round));

    /// <summary>The plan of the finished query: <paramref name="result"/> is what it returned.</summary>
    public QueryPlan Plan(QueryResult result, bool drillthrough)
    {
        var total = _watch.Elapsed;
        var requests = _requests.Select((r, id) => new AggregationRequest(id, r.Round,
            [.. r.Levels.Select(l => l.Hierarchy.Hierarchy.Levels[l.Depth].UniqueName)], r.Measures, Filter, r.Result.Source, r.Elapsed, r.Result.CellCount,
            [.. _requests.Select((p, i) => (p.Round, i)).Where(p => p.Round == r.Round - 1).Select(p => p.i)])
        { Sql = r.Result.Statement, Provider = r.Result.Provider }).ToList();
        var positions = AxisPositions ?? result.CellSet?.Axes.Select(a => a.Positions.Count).ToList() ?? [];
        var timings = new QueryTimings(_phases[0], _phases[1], _phases[2], _phases[3], _phases[4], _phases[5], total);
        return new QueryPlan(drillthrough ? "DRILLTHROUGH" : "SELECT", Cube, positions, result.CellSet?.Cells.Count ?? 0,
            drillthrough ? result.RowCount : null, timings, requests);
    }

    public void Dispose()
    {
        _deadline?.Dispose();
        _finished?.Invoke();
    }

    /// <summary>An error about the whole query (its diagnostic spans the text).</summary>
    public MdxException Error(string code, string message) => new([new MdxDiagnostic(code, message, 1, 1, 0, Mdx.Length)]);
}
