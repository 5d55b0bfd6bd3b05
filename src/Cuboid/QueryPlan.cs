using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cuboid;

/// <summary>
/// How an MDX query ran (<see cref="Session.ExplainMdxQuery(string)"/>): what it produced, where
/// the time went, and every aggregation request its cells needed — at which granularity, for
/// which measures, under which filter, answered from the cache, by rolling up a finer result or
/// by a scan. Cells are loaded in rounds (a round evaluates the query and loads every cell it
/// found missing, one request per shape); a later round exists because values loaded by the
/// previous one decided which cells were needed next. Immutable.
/// </summary>
public sealed class QueryPlan
{
    internal QueryPlan(string statement, string cube, IReadOnlyList<int> axisPositions, long cellCount, int? rowCount,
        QueryTimings timings, IReadOnlyList<AggregationRequest> requests)
    {
        Statement = statement;
        Cube = cube;
        AxisPositions = axisPositions;
        CellCount = cellCount;
        RowCount = rowCount;
        Timings = timings;
        Requests = requests;
        Rounds = [.. requests.GroupBy(r => r.Round).OrderBy(g => g.Key)
            .Select(g => new QueryRound(g.Key, [.. g.Select(r => r.Id)], g.Key == 0 ? [] : [g.Key - 1]))];
    }

    /// <summary>SELECT or DRILLTHROUGH.</summary>
    public string Statement { get; }

    /// <summary>The cube queried.</summary>
    public string Cube { get; }

    /// <summary>The number of positions on each axis (COLUMNS first); for DRILLTHROUGH, those of the SELECT addressing the cell.</summary>
    public IReadOnlyList<int> AxisPositions { get; }

    /// <summary>The number of axes.</summary>
    public int AxisCount => AxisPositions.Count;

    /// <summary>The number of cells of the result (of a SELECT; 0 for DRILLTHROUGH).</summary>
    public long CellCount { get; }

    /// <summary>The number of fact rows a DRILLTHROUGH returned; null for a SELECT.</summary>
    public int? RowCount { get; }

    /// <summary>Where the time went.</summary>
    public QueryTimings Timings { get; }

    /// <summary>The aggregation requests in the order they were made.</summary>
    public IReadOnlyList<AggregationRequest> Requests { get; }

    /// <summary>The rounds of cell loading, each with its requests and the round whose values it needed.</summary>
    public IReadOnlyList<QueryRound> Rounds { get; }

    /// <summary>The plan as indented JSON (times in milliseconds).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("statement", Statement);
            json.WriteString("cube", Cube);
            WriteNumbers(json, "axes", AxisPositions);
            json.WriteNumber("cells", CellCount);
            if (RowCount is { } rows) json.WriteNumber("rows", rows);
            json.WriteNumber("rounds", Rounds.Count);
            json.WriteStartObject("timings");
            foreach (var (name, time) in Timings.Phases) json.WriteNumber(name + "Ms", Milliseconds(time));
            json.WriteEndObject();
            json.WriteStartArray("requests");
            foreach (var r in Requests)
            {
                json.WriteStartObject();
                json.WriteNumber("id", r.Id);
                json.WriteNumber("round", r.Round);
                WriteStrings(json, "granularity", r.Granularity);
                WriteStrings(json, "measures", r.Measures);
                json.WriteString("filter", r.Filter);
                json.WriteString("source", r.Source);
                if (r.Sql is not null) json.WriteString("sql", r.Sql);
                if (r.Provider is not null) json.WriteString("provider", r.Provider);
                json.WriteNumber("elapsedMs", Milliseconds(r.Elapsed));
                json.WriteNumber("cells", r.CellCount);
                WriteNumbers(json, "dependsOn", r.DependsOn);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("loadingRounds");
            foreach (var round in Rounds)
            {
                json.WriteStartObject();
                json.WriteNumber("round", round.Number);
                WriteNumbers(json, "requests", round.Requests);
                WriteNumbers(json, "dependsOnRounds", round.DependsOnRounds);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A readable summary: the query, its timings, then the requests round by round.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var size = Statement == "DRILLTHROUGH" ? $"{RowCount} rows" : $"{CellCount.ToString("N0", CultureInfo.InvariantCulture)} cells";
        text.Append(CultureInfo.InvariantCulture, $"{Statement} on cube {Cube}: {AxisCount} axes ({string.Join(" × ", AxisPositions)} positions), {size}, {Rounds.Count} rounds of cell loading").AppendLine();
        text.Append("Timings: ").AppendJoin(", ", Timings.Phases.Select(p => $"{p.Name} {Milliseconds(p.Time).ToString("0.###", CultureInfo.InvariantCulture)} ms")).AppendLine();
        foreach (var round in Rounds)
        {
            text.Append(CultureInfo.InvariantCulture, $"Round {round.Number}{(round.DependsOnRounds.Count == 0 ? "" : $" (needs the values of round {string.Join(", ", round.DependsOnRounds)})")}:").AppendLine();
            foreach (var r in round.Requests.Select(id => Requests[id])) text.Append("  ").Append(r).AppendLine();
        }
        return text.ToString();
    }

    internal static double Milliseconds(TimeSpan time) => Math.Round(time.TotalMilliseconds, 3);

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}

/// <summary>Time spent per phase of a query; phases that did not occur are zero.</summary>
/// <param name="Parse">Parsing the query text.</param>
/// <param name="Bind">Binding the cube, the WITH clause and the slicer.</param>
/// <param name="Axes">Evaluating the axes (summed over rounds).</param>
/// <param name="Cells">Evaluating the cells, loaded values aside (summed over rounds).</param>
/// <param name="Loading">Aggregation requests: loading the cells each round found missing.</param>
/// <param name="Rows">DRILLTHROUGH: reading the fact rows.</param>
/// <param name="Total">From start to end.</param>
public sealed record QueryTimings(TimeSpan Parse, TimeSpan Bind, TimeSpan Axes, TimeSpan Cells, TimeSpan Loading, TimeSpan Rows, TimeSpan Total)
{
    internal IEnumerable<(string Name, TimeSpan Time)> Phases =>
        [("parse", Parse), ("bind", Bind), ("axes", Axes), ("cells", Cells), ("loading", Loading), ("rows", Rows), ("total", Total)];
}

/// <summary>One aggregation request of a query.</summary>
/// <param name="Id">Its index in <see cref="QueryPlan.Requests"/>.</param>
/// <param name="Round">The round of cell loading that made it (0 first).</param>
/// <param name="Granularity">The unique names of the levels grouped by (empty: the grand total).</param>
/// <param name="Measures">The measures loaded.</param>
/// <param name="Filter">The slicer set restricting the fact rows ("" when none: a one-tuple slicer is a coordinate, not a filter).</param>
/// <param name="Source">"cache", "rollup", "scan", "provider" (an aggregate provider answered), or "sql" (DirectQuery: the database answered).</param>
/// <param name="Elapsed">Time to answer it (computing the measures included).</param>
/// <param name="CellCount">The number of non-empty cells answered.</param>
/// <param name="DependsOn">The requests of the previous round, whose values led to this one.</param>
public sealed record AggregationRequest(int Id, int Round, IReadOnlyList<string> Granularity, IReadOnlyList<string> Measures,
    string Filter, string Source, TimeSpan Elapsed, int CellCount, IReadOnlyList<int> DependsOn)
{
    /// <summary>The SQL sent to the database (when <see cref="Source"/> is "sql"); <see cref="Elapsed"/> includes its round trip.</summary>
    public string? Sql { get; init; }

    /// <summary>The aggregate provider that answered it (when <see cref="Source"/> is "provider").</summary>
    public string? Provider { get; init; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var levels = Granularity.Count == 0 ? "(grand total)" : string.Join(" × ", Granularity);
        var filter = Filter.Length == 0 ? "" : $" where {Filter}";
        return string.Create(CultureInfo.InvariantCulture,
            $"#{Id} {Source,-6} {QueryPlan.Milliseconds(Elapsed),9:0.000} ms {CellCount,8:N0} cells  by {levels}: {string.Join(", ", Measures)}{filter}{(Provider is null ? "" : $" from provider '{Provider}'")}{(Sql is null ? "" : "\n    " + Sql)}");
    }
}

/// <summary>A round of cell loading: its requests, and the earlier round whose values it needed.</summary>
public sealed record QueryRound(int Number, IReadOnlyList<int> Requests, IReadOnlyList<int> DependsOnRounds);
