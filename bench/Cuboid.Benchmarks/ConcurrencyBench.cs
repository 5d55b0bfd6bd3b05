using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>How <c>--cold</c> keeps the aggregate cache out of the measured requests.</summary>
internal enum ColdMode
{
    /// <summary>Warm: the cube's aggregate cache is kept, so every request after the first reads cached aggregates.</summary>
    None,

    /// <summary>
    /// Each client has its own cube over the same tables (Q4's hierarchies and measures, named
    /// <c>Sales_i</c>) and clears its cache just before each request: every request scans.
    /// </summary>
    PerClient,

    /// <summary>
    /// All the clients query the one <c>Sales</c> cube and clear its cache just before each
    /// request: a request may still find aggregates another request put there in between.
    /// </summary>
    Shared,
}

/// <summary>
/// Workload C1: N concurrent clients posting Q4's MDX to <c>POST /api/mdx</c> of a served session
/// for a fixed time, each over its own HTTP connection. Every request's latency and outcome is
/// recorded; a non-200 answer, an exception or a cell set different from the warm-up's is an error.
/// See <see cref="ColdMode"/> for the uncached variants.
/// </summary>
internal static class ConcurrencyBench
{
    private const int MaxErrorSamples = 5;

    /// <summary>
    /// Runs C1 and reports it; <paramref name="bearer"/> turns authentication on (Basic for one login, then every
    /// request with the session's JWT as <c>Authorization: Bearer</c>). <paramref name="requestsPerSecond"/> is the throughput.
    /// </summary>
    public static int Run(RetailDataFiles files, int clients, TimeSpan duration, TimeSpan warmUp, ColdMode cold, TextWriter log, bool bearer, out double requestsPerSecond)
    {
        requestsPerSecond = 0;
        string mode = cold switch
        {
            ColdMode.PerClient => "cold: one cube per client, its cache cleared before each request",
            ColdMode.Shared => "cold, shared cube: its cache cleared before each request",
            _ => "warm: aggregate cache kept",
        };
        log.WriteLine($"C1: {clients} clients × {duration.TotalSeconds:F0} s of Q4 over HTTP ({mode}; {(bearer ? "authentication on, a JWT bearer token on every request" : "no authentication")})");
        var sw = Stopwatch.StartNew();
        using var session = Session.Start(new SessionConfig { Name = null, Port = 0, Authentication = bearer ? new BasicAuthenticationConfig() : null });
        if (session.Link is null)
        {
            log.WriteLine("error: the session is not served (is Cuboid.Server.dll beside the benchmark?)");
            return 1;
        }
        var cube = RetailCube.Build(session, files);
        // Client i queries cubes[i] with bodies[i]; clears[i] is the cube it clears before each request (null: warm).
        var cubes = Enumerable.Range(0, clients).Select(i => cold == ColdMode.PerClient && i > 0 ? Q4Cube(session, $"Sales_{i}") : cube).ToArray();
        var clears = cubes.Select(c => cold == ColdMode.None ? null : c).ToArray();
        var bodies = cubes.Select(c => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            mdx = Workloads.Q4Mdx.Replace("FROM [Sales]", $"FROM [{c.Name}]", StringComparison.Ordinal),
        }))).ToArray();
        log.WriteLine($"loaded {files.SalesRows:N0} sales rows and built {cubes.Distinct().Count()} cube(s) in {sw.Elapsed.TotalSeconds:F1} s; serving {session.Link}");

        var baseUri = new Uri(session.Link);
        var https = Enumerable.Range(0, clients).Select(_ => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        }, disposeHandler: true)
        { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        try
        {
            if (bearer)
            {
                var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                session.Security.BasicAuthentication.Set("bench", password);
                var token = Token(https[0], password);
                foreach (var client in https) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
            // Warm-up: one request checks the answer and keeps its body as the reference; then all the
            // clients run untimed for warmUp (their connections open, their cubes' derived columns are
            // built, the JIT reaches its final code).
            clears[0]?.ClearCache();
            var first = PostAsync(https[0], bodies[0]).GetAwaiter().GetResult();
            if (first.Status != 200 || first.Body is null)
            {
                log.WriteLine($"error: warm-up request answered {first.Status}: {first.Error}");
                return 1;
            }
            byte[] reference = first.Body;
            var (rowPositions, cellCount) = Shape(reference);
            log.WriteLine($"warm-up: 200, {reference.Length:N0} bytes, {rowPositions} row positions, {cellCount} cells, {first.Ms:F1} ms");
            long warmDeadline = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
            var warm = Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientLoopAsync(https[i], bodies[i], reference, warmDeadline, clears[i]))))
                .GetAwaiter().GetResult();
            log.WriteLine($"warm-up: {warm.Sum(w => w.LatenciesMs.Count):N0} untimed requests from {clients} clients in {warmUp.TotalSeconds:F0} s, {warm.Sum(w => w.Errors)} errors");
            foreach (var sample in warm.SelectMany(r => r.ErrorSamples).Take(MaxErrorSamples))
            {
                log.WriteLine($"  e.g. {sample}");
            }

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var machineBefore = MachineCpu();
            int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
            long start = Stopwatch.GetTimestamp();
            long deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var tasks = Enumerable.Range(0, clients)
                .Select(i => Task.Run(() => ClientLoopAsync(https[i], bodies[i], reference, deadline, clears[i])))
                .ToArray();
            var results = Task.WhenAll(tasks).GetAwaiter().GetResult();
            double wallSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var machineAfter = MachineCpu();

            requestsPerSecond = Report(results, wallSeconds, cpu, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2, log);
            if (machineBefore is { } m0 && machineAfter is { } m1 && m1.Total > m0.Total)
            {
                log.WriteLine($"machine:    {(double)(m1.Busy - m0.Busy) / (m1.Total - m0.Total):P0} of all cores busy over the run (/proc/stat; other processes included)");
            }
            ExplainSources(https[0], bodies[0], null, log);
            ExplainSources(https[0], bodies[0], cubes[0], log);
            return results.Sum(r => r.Errors) + warm.Sum(r => r.Errors) == 0 ? 0 : 2;
        }
        finally
        {
            foreach (var h in https)
            {
                h.Dispose();
            }
        }
    }

    /// <summary>Another cube over the session's retail tables with what Q4 reads: the Calendar and Product hierarchies and its three measures.</summary>
    private static Cube Q4Cube(Session session, string name)
    {
        var (sales, products) = (session.Tables["Sales"], session.Tables["Products"]);
        var cube = session.CreateCube(sales, name, CubeMode.Manual);
        foreach (var h in cube.Hierarchies.ToList())
        {
            cube.Hierarchies.Remove(h.Name);
        }
        cube.CreateDateHierarchy("Calendar", sales["date"],
            levels: new Dictionary<string, string> { ["Year"] = "y", ["Quarter"] = "Q", ["Month"] = "M", ["Day"] = "d" }, dimension: "Time");
        cube.Hierarchies.Set(("Product", "Product"), products["category"], products["subcategory"], products["brand"], products["product_id"]);
        cube.Measures["Revenue"] = Agg.Sum(sales["quantity"] * sales["unit_price"]);
        cube.Measures["Quantity"] = Agg.Sum(sales["quantity"]);
        cube.Measures["Cost"] = Agg.Sum(sales["cost"]);
        return cube;
    }

    private sealed class ClientResult
    {
        public List<double> LatenciesMs { get; } = new(4096);
        public int Errors { get; set; }
        public Dictionary<string, int> ErrorKinds { get; } = [];
        public List<string> ErrorSamples { get; } = [];
        public long Bytes { get; set; }
        public int LastBitDifferences { get; set; }
    }

    private readonly record struct Outcome(int Status, byte[]? Body, double Ms, string? Error);

    private static async Task<ClientResult> ClientLoopAsync(HttpClient http, byte[] body, byte[] reference, long deadline, Cube? clearBeforeEach)
    {
        var result = new ClientResult();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            clearBeforeEach?.ClearCache();
            var o = await PostAsync(http, body).ConfigureAwait(false);
            result.LatenciesMs.Add(o.Ms);
            bool lastBits = false;
            string? error = o.Error is not null ? o.Error
                : o.Status != 200 ? $"HTTP {o.Status}"
                : SameCellSet(o.Body!, reference, out lastBits) is { } difference ? $"200 with another cell set than the warm-up's: {difference}"
                : null;
            if (error is null)
            {
                result.Bytes += o.Body!.Length;
                result.LastBitDifferences += lastBits ? 1 : 0;
                continue;
            }
            result.Errors++;
            string kind = o.Error is not null ? o.Error.Split(':')[0] : o.Status != 200 ? error : "200 with another cell set than the warm-up's";
            result.ErrorKinds[kind] = result.ErrorKinds.GetValueOrDefault(kind) + 1;
            if (result.ErrorSamples.Count < MaxErrorSamples)
            {
                var detail = o.Status != 200 && o.Body is not null ? Encoding.UTF8.GetString(o.Body) : "";
                result.ErrorSamples.Add($"{error} after {o.Ms:F1} ms {detail}".Trim());
            }
        }
        return result;
    }

    private static async Task<Outcome> PostAsync(HttpClient http, byte[] body)
    {
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync("api/mdx", content).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return new Outcome((int)response.StatusCode, bytes, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, null);
        }
        catch (Exception e)
        {
            return new Outcome(0, null, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Null when <paramref name="body"/> is the same cell set as <paramref name="reference"/>: the
    /// same bytes up to the cells (axes and slicer), and the same cells, their values equal within
    /// a relative 1e-9 (a sum's last bits depend on the order the scan's partial sums are merged,
    /// which varies from one uncached query to the next). <paramref name="lastBits"/> tells when
    /// the bytes differed but the values agreed. Otherwise, what differs.
    /// </summary>
    private static string? SameCellSet(byte[] body, byte[] reference, out bool lastBits)
    {
        lastBits = false;
        if (body.AsSpan().SequenceEqual(reference))
        {
            return null;
        }
        ReadOnlySpan<byte> marker = "\"cells\":"u8;
        int a = body.AsSpan().IndexOf(marker), b = reference.AsSpan().IndexOf(marker);
        if (a < 0 || a != b || !body.AsSpan(0, a).SequenceEqual(reference.AsSpan(0, b)))
        {
            return "axes or slicer";
        }
        var x = new Utf8JsonReader(body.AsSpan(a + marker.Length));
        var y = new Utf8JsonReader(reference.AsSpan(b + marker.Length));
        int cell = -1;
        while (true)
        {
            bool more = x.Read();
            if (more != y.Read())
            {
                return "cell count";
            }
            if (!more || x.CurrentDepth == 0 && x.TokenType == JsonTokenType.EndArray)
            {
                break;
            }
            if (x.TokenType != y.TokenType)
            {
                return $"cell {cell}";
            }
            if (x.TokenType == JsonTokenType.StartObject && x.CurrentDepth == 1)
            {
                cell++;
            }
            if (x.TokenType == JsonTokenType.Number)
            {
                double u = x.GetDouble(), v = y.GetDouble();
                if (u != v && Math.Abs(u - v) > 1e-9 * Math.Max(Math.Abs(u), Math.Abs(v)))
                {
                    return $"cell {cell}: {u.ToString("R", CultureInfo.InvariantCulture)} instead of {v.ToString("R", CultureInfo.InvariantCulture)}";
                }
            }
            else if (x.TokenType == JsonTokenType.PropertyName && !x.ValueSpan.SequenceEqual(y.ValueSpan))
            {
                return $"cell {cell}";
            }
            // Strings are formattedValue here: it may round a last-bit difference of its value differently at a .5 boundary.
        }
        lastBits = true;
        return null;
    }

    private static (int Rows, int Cells) Shape(byte[] cellSet)
    {
        using var doc = JsonDocument.Parse(cellSet);
        var root = doc.RootElement;
        int rows = root.GetProperty("axes")[1].GetProperty("positions").GetArrayLength();
        return (rows, root.GetProperty("cells").GetArrayLength());
    }

    /// <summary>One login (Basic) exchanged for the session's token.</summary>
    private static string Token(HttpClient client, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + password)));
        using var response = client.Send(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(response.Content.ReadAsStream());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static double Report(ClientResult[] results, double wallSeconds, TimeSpan cpu, int gen0, int gen2, TextWriter log)
    {
        var all = results.SelectMany(r => r.LatenciesMs).Order().ToArray();
        int errors = results.Sum(r => r.Errors);
        long bytes = results.Sum(r => r.Bytes);
        var perClient = results.Select(r => r.LatenciesMs.Count).ToArray();
        log.WriteLine();
        log.WriteLine($"requests:   {all.Length:N0} in {wallSeconds:F1} s = {all.Length / wallSeconds:F1} requests/s " +
                      $"({(all.Length - errors) / wallSeconds:F1} ok/s, {bytes / wallSeconds / 1e6:F1} MB/s of responses)");
        log.WriteLine($"per client: min {perClient.Min():N0}, max {perClient.Max():N0} requests");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency ms: median {Percentile(all, 0.50):F1}, p95 {Percentile(all, 0.95):F1}, p99 {Percentile(all, 0.99):F1}, max {all[^1]:F1} (min {all[0]:F1}, mean {all.Average():F1})"));
        log.WriteLine($"errors:     {errors}");
        if (results.Sum(r => r.LastBitDifferences) is int lastBits and > 0)
        {
            log.WriteLine($"  ({lastBits:N0} answers differed from the warm-up's only in the last bits of sums, within 1e-9 relative: not errors)");
        }
        foreach (var (kind, count) in results.SelectMany(r => r.ErrorKinds).GroupBy(k => k.Key).Select(g => (g.Key, g.Sum(k => k.Value))))
        {
            log.WriteLine($"  {count} × {kind}");
        }
        foreach (var sample in results.SelectMany(r => r.ErrorSamples).Take(MaxErrorSamples))
        {
            log.WriteLine($"  e.g. {sample}");
        }
        log.WriteLine($"process:    {cpu.TotalSeconds:F1} s CPU over {wallSeconds:F1} s on {Environment.ProcessorCount} cores " +
                      $"({cpu.TotalSeconds / (wallSeconds * Environment.ProcessorCount):P0} busy; clients, Kestrel and the engine share them); " +
                      $"GC: {gen0} gen0, {gen2} gen2");
        return (all.Length - errors) / wallSeconds;
    }

    /// <summary>Busy and total jiffies of all cores from /proc/stat, or null off Linux.</summary>
    private static (long Busy, long Total)? MachineCpu()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            long total = f.Take(8).Sum(), idle = f[3] + f[4];   // user nice system idle iowait irq softirq steal
            return (total - idle, total);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Where one more Q4 gets its aggregates from (POST /api/mdx/explain), after the run's state of the cache.</summary>
    private static void ExplainSources(HttpClient http, byte[] body, Cube? clearFirst, TextWriter log)
    {
        clearFirst?.ClearCache();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = http.PostAsync("api/mdx/explain", content).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            log.WriteLine($"explain: HTTP {(int)response.StatusCode}: {text}");
            return;
        }
        using var doc = JsonDocument.Parse(text);
        if (!doc.RootElement.TryGetProperty("requests", out var requests))
        {
            log.WriteLine("explain: no 'requests' in the plan");
            return;
        }
        var sources = requests.EnumerateArray()
            .Select(r => r.TryGetProperty("source", out var s) ? s.GetString() ?? "?" : "?")
            .GroupBy(s => s).Select(g => $"{g.Count()} {g.Key}");
        log.WriteLine($"explain:    one more Q4 {(clearFirst is null ? "with the cache as the run left it" : "after clearing the cache")}: {requests.GetArrayLength()} aggregation requests: {string.Join(", ", sources)}");
    }
}
