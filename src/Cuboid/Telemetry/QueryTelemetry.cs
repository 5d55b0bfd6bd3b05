using System.Diagnostics;

namespace Cuboid;

/// <summary>
/// One query's record, from its arrival to its result: its <c>cuboid.query</c> span (the parent of its parse,
/// evaluation, aggregation and scan spans), its time in the <c>cuboid.query.duration</c> histogram and its line in
/// the session's log. Never a data value: the cube, the user, the row count, the time.
/// </summary>
internal sealed class QueryTelemetry : IDisposable
{
    private readonly Session _session;
    private readonly string _language;
    private readonly long _started = Stopwatch.GetTimestamp();
    /// <summary>The query the code running now works for (flows into its parallel workers; a query run inside another has its own).</summary>
    private static readonly AsyncLocal<QueryTelemetry?> s_current = new();

    private readonly QueryTelemetry? _outer;
    private readonly Activity? _activity;
    private long _cacheHits;
    private string _cube = "";
    private bool _ended;
    private string _error = "unknown";

    private QueryTelemetry(Session session, string language)
    {
        _session = session;
        _language = language;
        _activity = CuboidTelemetry.Source.StartActivity("cuboid.query");
        _activity?.SetTag("cuboid.session", CuboidTelemetry.SessionTag(session));
        _activity?.SetTag("cuboid.query.language", language);
        _outer = s_current.Value;
        s_current.Value = this;
    }

    /// <summary>An aggregate came from a cache for the query running now, if any.</summary>
    public static void CacheHit()
    {
        if (s_current.Value is { } query) Interlocked.Increment(ref query._cacheHits);
    }

    /// <summary>Starts the record of a query in <paramref name="language"/> (<c>csharp</c> or <c>mdx</c>); dispose it when the query ends, with or without <see cref="Succeeded"/>.</summary>
    public static QueryTelemetry Start(Session session, string language) => new(session, language);

    /// <summary>The cube, once known (an MDX query names it in its text).</summary>
    public string Cube
    {
        set
        {
            _cube = value;
            _activity?.SetTag("cuboid.cube", value);
        }
    }

    /// <summary>The query answered <paramref name="rows"/> rows to <paramref name="user"/>.</summary>
    public void Succeeded(string? user, int rows)
    {
        _ended = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        _activity?.SetTag("cuboid.rows", rows);
        var tags = CuboidTelemetry.Tags(_session, _cube);
        tags.Add("cuboid.query.language", _language);
        CuboidTelemetry.QueryDuration.Record(elapsed.TotalSeconds, tags);
        var log = _session.Log.Logger;
        if (!log.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information)) return;
        var hits = Interlocked.Read(ref _cacheHits);
        SessionEvents.Query(log, _cube, user ?? "(session)", rows, (long)elapsed.TotalMilliseconds, hits);
    }

    /// <summary>
    /// Notes why the query failed — an MDX error's code, or the exception's type, never its message (which may quote
    /// members) — and returns false: an exception filter (<c>catch (Exception e) when (telemetry.Failed(e))</c>) that lets it go on.
    /// </summary>
    public bool Failed(Exception exception, string? cube = null)
    {
        if (cube is not null) Cube = cube;
        _error = exception is MdxException { Diagnostics: [{ } first, ..] } ? first.Code : exception.GetType().FullName ?? "unknown";
        return false;
    }

    /// <summary>Ends the span; a query that did not succeed is marked failed, and timed with its <c>error.type</c>.</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            _activity?.SetStatus(ActivityStatusCode.Error);
            _activity?.SetTag("error.type", _error);
            var tags = CuboidTelemetry.Tags(_session, _cube);
            tags.Add("cuboid.query.language", _language);
            tags.Add("error.type", _error);
            CuboidTelemetry.QueryDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
        _activity?.Dispose();
        s_current.Value = _outer;
    }
}
