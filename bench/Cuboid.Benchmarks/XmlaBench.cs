using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>
/// X1: a 1,000-cell Excel-style pivot (2 measures × 10 categories across, 50 countries down) on the
/// retail cube, over XMLA (POST /xmla, an MDDataSet with Excel's cell properties) and over the JSON
/// API (POST /api/mdx): the time from request to the last byte and the bytes on the wire, median
/// of the repetitions after a warm-up, the aggregate cache kept (the pivot a user refreshes).
/// </summary>
internal static class XmlaBench
{
    public const string Mdx =
        "SELECT NON EMPTY CrossJoin({[Measures].[Quantity], [Measures].[Revenue]}, [Product].[Product].[category].Members) DIMENSION PROPERTIES PARENT_UNIQUE_NAME, HIERARCHY_UNIQUE_NAME ON COLUMNS, " +
        "NON EMPTY [Geography].[Geography].[country].Members DIMENSION PROPERTIES PARENT_UNIQUE_NAME, HIERARCHY_UNIQUE_NAME ON ROWS FROM [Sales] " +
        "CELL PROPERTIES VALUE, FORMATTED_VALUE, FORMAT_STRING, LANGUAGE, BACK_COLOR, FORE_COLOR, FONT_FLAGS";

    public static int Run(RetailDataFiles files, int reps, TextWriter log)
    {
        using var session = Session.Start(new SessionConfig { Name = null, Port = 0 });
        if (session.Link is null)
        {
            log.WriteLine("error: the session is not served (is Cuboid.Server.dll beside the benchmark?)");
            return 1;
        }
        RetailCube.Build(session, files);
        using var http = new HttpClient { BaseAddress = new Uri(session.Link) };
        var xmla = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" +
            "<Execute xmlns=\"urn:schemas-microsoft-com:xml-analysis\"><Command><Statement>" + System.Security.SecurityElement.Escape(Mdx) + "</Statement></Command>" +
            "<Properties><PropertyList><Format>Multidimensional</Format><AxisFormat>TupleFormat</AxisFormat><Content>SchemaData</Content></PropertyList></Properties></Execute></soap:Body></soap:Envelope>");
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { mdx = Mdx }));
        var (xmlaTime, xmlaBytes, cells) = Measure(http, "/xmla", xmla, "text/xml", reps);
        var (jsonTime, jsonBytes, _) = Measure(http, "/api/mdx", json, "application/json", reps);
        log.WriteLine($"X1: a pivot of {cells:N0} cells over {files.SalesRows:N0} sales rows, median of {reps} after a warm-up");
        log.WriteLine("| API | request to last byte | bytes | ratio to JSON |");
        log.WriteLine("|---|---:|---:|---:|");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| XMLA (POST /xmla) | {xmlaTime:F1} ms | {xmlaBytes:N0} | {xmlaTime / jsonTime:F2} |"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| JSON (POST /api/mdx) | {jsonTime:F1} ms | {jsonBytes:N0} | 1.00 |"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: XMLA ≤ 1.5× the JSON API's time — {(xmlaTime <= 1.5 * jsonTime ? "met" : "NOT met")}"));
        return 0;
    }

    private static (double Median, long Bytes, int Cells) Measure(HttpClient http, string path, byte[] body, string type, int reps)
    {
        var times = new List<double>();
        long bytes = 0;
        var cells = 0;
        for (var i = 0; i <= reps; i++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            var watch = Stopwatch.StartNew();
            using var response = http.PostAsync(new Uri(path, UriKind.Relative), content).GetAwaiter().GetResult();
            var text = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            watch.Stop();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(text)}");
            if (i == 0)
            {
                cells = path == "/xmla" ? CountOf(Encoding.UTF8.GetString(text), "<Cell ") : 0;
                continue;   // warm-up
            }
            times.Add(watch.Elapsed.TotalMilliseconds);
            bytes = text.Length;
        }
        times.Sort();
        return (times[times.Count / 2], bytes, cells);
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
