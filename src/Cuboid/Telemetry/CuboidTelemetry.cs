using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cuboid;

/// <summary>
/// The engine's traces and metrics, on .NET's own <see cref="ActivitySource"/> and <see cref="Meter"/>: an
/// OpenTelemetry SDK in the application collects them with <c>AddSource(CuboidTelemetry.Name)</c> and
/// <c>AddMeter(CuboidTelemetry.Name)</c>, and <see cref="SessionConfig.Telemetry"/> has the session's server export
/// them itself (Prometheus, OTLP). Nothing is recorded while nobody listens. Spans: <c>cuboid.query</c> (C# or MDX),
/// within it <c>cuboid.mdx.parse</c> and <c>cuboid.mdx.evaluate</c>, <c>cuboid.aggregate</c> for each aggregation
/// request and <c>cuboid.scan</c> for each scan of the facts, with their row counts. Metrics are tagged with the
/// session's name (<c>cuboid.session</c>; <c>#</c> and a number for a session without a name); no data value is ever a tag.
/// </summary>
public static class CuboidTelemetry
{
    /// <summary>The name of the engine's activity source and meter.</summary>
    public const string Name = "Cuboid";

    private static readonly string? s_version = typeof(CuboidTelemetry).Assembly.GetName().Version?.ToString(3);

    internal static readonly ActivitySource Source = new(Name, s_version);

    private static readonly Meter s_meter = new(Name, s_version);

    /// <summary>Each query's wall time, C# and MDX, by session, cube and language (<c>cuboid.query.language</c>: csharp, mdx).</summary>
    internal static readonly Histogram<double> QueryDuration = s_meter.CreateHistogram("cuboid.query.duration", "s",
        "Time to answer a query, from its arrival to its result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <summary>Aggregation requests by where they were answered (<c>cuboid.aggregate.source</c>: cache, scan, update, rollup, provider, sql).</summary>
    internal static readonly Counter<long> AggregateRequests = s_meter.CreateCounter<long>("cuboid.aggregate.requests", "{request}",
        "Aggregation requests, by what answered them: the cache, a scan of the facts, an update of a result after a commit, a roll-up, an aggregate provider or SQL.");

    /// <summary>Fact rows read by scans.</summary>
    internal static readonly Counter<long> RowsScanned = s_meter.CreateCounter<long>("cuboid.scan.rows", "{row}", "Fact rows read by aggregation scans.");

    private static readonly ConcurrentDictionary<Session, byte> s_sessions = new();

    static CuboidTelemetry()
    {
        s_meter.CreateObservableGauge("cuboid.table.memory", () => Observe(TableMemory), "By", "Bytes each table holds (columns and key index), as Session.Memory estimates them.");
        s_meter.CreateObservableGauge("cuboid.aggregate.cache.hit_ratio", () => Observe(HitRatios), "1", "Share of each cube's aggregation requests answered from its cache since the cube was made.");
        s_meter.CreateObservableGauge("cuboid.live.subscribers", () => Observe(LiveSubscribers), "{query}", "Live queries the session's clients are subscribed to.");
    }

    /// <summary>Tags of a measurement about a session.</summary>
    internal static TagList Tags(Session session) => new() { { "cuboid.session", SessionTag(session) } };

    internal static TagList Tags(Session session, string cube) => new() { { "cuboid.session", SessionTag(session) }, { "cuboid.cube", cube } };

    /// <summary>The session's name, or for a session without one, <c>#</c> and its number in the process (so two such sessions stay apart).</summary>
    internal static string SessionTag(Session session) => session.Name ?? "#" + session.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Observed by the gauges from <paramref name="session"/>'s start to its close.</summary>
    internal static void Register(Session session) => s_sessions[session] = 0;

    internal static void Unregister(Session session) => s_sessions.TryRemove(session, out _);

    private static List<Measurement<T>> Observe<T>(Func<Session, IEnumerable<Measurement<T>>> measure) where T : struct
    {
        var all = new List<Measurement<T>>();
        foreach (var session in s_sessions.Keys)
        {
            try
            {
                all.AddRange(measure(session));
            }
            catch (ObjectDisposedException)
            {
                // closed while being observed: it has nothing more to report
            }
        }
        return all;
    }

    private static IEnumerable<Measurement<long>> TableMemory(Session session)
    {
        var memory = session.Memory;
        return memory.Tables.Select(t => new Measurement<long>(t.Bytes, [new("cuboid.session", SessionTag(session)), new("cuboid.table", t.Name)]));
    }

    private static IEnumerable<Measurement<double>> HitRatios(Session session) => session.Cubes.Values.Select(c =>
    {
        var size = c.CacheSize;
        var asked = size.Hits + size.Misses;
        return new Measurement<double>(asked == 0 ? 0 : size.Hits / (double)asked, Tags(session, c.Name));
    });

    private static IEnumerable<Measurement<int>> LiveSubscribers(Session session) =>
        session.LiveSubscribers is { } count ? [new Measurement<int>(count(), Tags(session))] : [];
}
