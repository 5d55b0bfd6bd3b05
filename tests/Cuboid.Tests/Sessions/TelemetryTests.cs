using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cuboid.Tests.Sessions;

/// <summary>
/// The engine's spans and metrics, read with .NET's own listeners (what an OpenTelemetry SDK subscribes to): each
/// query's span tree with its row counts, and the counters moved by exactly the requests and rows of the queries.
/// </summary>
public sealed class TelemetryTests
{
    private const int FactRows = 5_000;

    private static (Session Session, Cube Cube) Start()
    {
        var session = Session.Start(new SessionConfig { Name = "telemetry-" + Guid.NewGuid().ToString("N"), Port = null });
        var table = session.CreateTable("sales", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["shop"] = DataType.String, ["amount"] = DataType.Double }, ["id"]);
        table.Append([.. Enumerable.Range(0, FactRows).Select(i => new object?[] { i, "shop" + (i % 7), i * 0.5 })]);
        return (session, session.CreateCube(table, "Sales"));
    }

    /// <summary>Every span of the engine started while it listens (other tests' too: callers pick theirs by session and trace).</summary>
    private sealed class Spans : IDisposable
    {
        private readonly ActivityListener _listener;

        public Spans()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == CuboidTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = All.Add,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public ConcurrentBag<Activity> All { get; } = [];

        /// <summary>The query spans of <paramref name="session"/>, in the order they ended, each with the spans beneath it.</summary>
        public List<(Activity Query, List<Activity> Beneath)> Queries(Session session)
        {
            var all = All.ToList();
            return [.. all.Where(a => a.OperationName == "cuboid.query" && Equals(a.GetTagItem("cuboid.session"), CuboidTelemetry.SessionTag(session)))
                .OrderBy(a => a.StartTimeUtc + a.Duration)
                .Select(q => (q, all.Where(a => a.TraceId == q.TraceId && a != q).OrderBy(a => a.StartTimeUtc).ToList()))];
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public void ACSharpQueryIsASpanWithItsAggregationAndItsScan()
    {
        using var spans = new Spans();
        var (session, cube) = Start();
        using var _ = session;
        cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["shop"]]);
        cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["shop"]]);

        var queries = spans.Queries(session);
        Assert.Equal(2, queries.Count);
        var (first, beneath) = queries[0];
        Assert.Equal(("csharp", "Sales", 7), (first.GetTagItem("cuboid.query.language"), first.GetTagItem("cuboid.cube"), first.GetTagItem("cuboid.rows")));
        Assert.Equal(ActivityStatusCode.Unset, first.Status);
        var aggregate = Assert.Single(beneath, a => a.OperationName == "cuboid.aggregate");
        Assert.Equal(("scan", 7), (aggregate.GetTagItem("cuboid.aggregate.source"), aggregate.GetTagItem("cuboid.cells")));
        var scan = Assert.Single(beneath, a => a.OperationName == "cuboid.scan");
        Assert.Equal(aggregate.SpanId, scan.ParentSpanId);
        Assert.Equal((long)FactRows, scan.GetTagItem("cuboid.scan.rows"));

        // The same query again: answered by the cache, nothing scanned.
        var again = queries[1].Beneath;
        Assert.Equal("cache", Assert.Single(again, a => a.OperationName == "cuboid.aggregate").GetTagItem("cuboid.aggregate.source"));
        Assert.DoesNotContain(again, a => a.OperationName == "cuboid.scan");
    }

    [Fact]
    public void AnMdxQueryIsParsedThenEvaluatedAndAFailedOneKeepsItsErrorCode()
    {
        using var spans = new Spans();
        var (session, _) = Start();
        using var __ = session;
        session.QueryMdx("SELECT [Measures].[amount.SUM] ON COLUMNS, [Sales].[shop].[shop].Members ON ROWS FROM [Sales]");
        Assert.Throws<MdxException>(() => session.QueryMdx("SELECT [Measures].[nothing] ON COLUMNS FROM [Sales]"));

        var queries = spans.Queries(session);
        Assert.Equal(2, queries.Count);
        var (query, beneath) = queries[0];
        Assert.Equal(("mdx", "Sales", 7), (query.GetTagItem("cuboid.query.language"), query.GetTagItem("cuboid.cube"), query.GetTagItem("cuboid.rows")));
        var parse = Assert.Single(beneath, a => a.OperationName == "cuboid.mdx.parse");
        var evaluate = Assert.Single(beneath, a => a.OperationName == "cuboid.mdx.evaluate");
        Assert.Equal((query.SpanId, query.SpanId), (parse.ParentSpanId, evaluate.ParentSpanId));
        Assert.True(parse.StartTimeUtc + parse.Duration <= evaluate.StartTimeUtc, "parsed before evaluated");
        var scan = Assert.Single(beneath, a => a.OperationName == "cuboid.scan");
        Assert.Equal((long)FactRows, scan.GetTagItem("cuboid.scan.rows"));
        Assert.Contains(beneath, a => a.OperationName == "cuboid.aggregate" && a.SpanId == scan.ParentSpanId && a.ParentSpanId == evaluate.SpanId);

        var failed = queries[1].Query;
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(MdxErrorCodes.UnknownMember, failed.GetTagItem("error.type"));
        Assert.Null(failed.StatusDescription);   // the message, which may quote members, stays out
    }

    [Fact]
    public void TheCountersMoveByTheRequestsAndRowsOfTheQueries()
    {
        var (session, cube) = Start();
        using var _ = session;
        var measured = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CuboidTelemetry.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var mine = false;
            var source = "";
            foreach (var (key, tag) in tags)
            {
                if (key == "cuboid.session") mine = Equals(tag, CuboidTelemetry.SessionTag(session));
                if (key == "cuboid.aggregate.source") source = ":" + tag;
            }
            if (mine) measured.AddOrUpdate(instrument.Name + source, value, (_, sum) => sum + value);
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, 1, t));   // the histogram: counted
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        listener.Start();

        cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["shop"]]);
        cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["shop"]]);
        session.QueryMdx("SELECT [Measures].[amount.SUM] ON COLUMNS FROM [Sales]");
        listener.RecordObservableInstruments();

        Assert.Equal(3, measured["cuboid.query.duration"]);
        Assert.Equal(2.0 * FactRows, measured["cuboid.scan.rows"]);   // the first query and the MDX grand total scanned; the repeat did not
        Assert.Equal(2, measured["cuboid.aggregate.requests:scan"]);
        Assert.Equal(1, measured["cuboid.aggregate.requests:cache"]);
        Assert.Equal(session.Memory.Tables.Single().Bytes, measured["cuboid.table.memory"]);
        Assert.Equal(1.0, measured["cuboid.aggregate.cache.hit_ratio"]);   // one measurement a cube (the ratio itself is below)
        Assert.Equal(1.0 / 3, cube.CacheSize.Hits / (double)(cube.CacheSize.Hits + cube.CacheSize.Misses), 6);
    }
}
