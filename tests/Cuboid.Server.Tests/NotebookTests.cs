using System.Net;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace Cuboid.Server.Tests;

/// <summary>
/// Cuboid in a real C# kernel of .NET Interactive (Polyglot Notebooks): a session, a query's table and a cell set display
/// as HTML tables with the measures' formats, and session.Widget as an iframe on the session's embed page, which
/// notebooks may frame.
/// </summary>
public sealed class NotebookTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Runs a cell; returns the HTML of its value (the last expression), failing with the kernel's message.</summary>
    private static async Task<string> RunAsync(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code), Token);
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed) Assert.Fail($"the cell failed: {failed.Message}");
        var value = result.Events.OfType<ReturnValueProduced>().LastOrDefault() ?? throw new InvalidOperationException("the cell displayed no value");
        return value.FormattedValues.Single(f => f.MimeType == "text/html").Value;
    }

    [Fact]
    public async Task ASessionItsResultsAndAWidgetDisplayAsHtmlInACSharpKernel()
    {
        using var kernel = new CSharpKernel();
        var session = await RunAsync(kernel, $$"""
            #r "{{typeof(Session).Assembly.Location}}"
            using Cuboid;
            var session = Session.Start(new SessionConfig { Name = null, Port = 0 });
            var sales = session.CreateTable("sales", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["shop"] = DataType.String, ["amount"] = DataType.Double }, ["id"]);
            sales.Append([1, "Paris", 1234.5], [2, "Lyon", 10.25], [3, "Paris", 1.0]);
            var cube = session.CreateCube(sales, "Sales");
            cube.Measures["amount.SUM"].Formatter = "DOUBLE[#,##0.00]";
            session
            """);
        Assert.Contains("<strong>Session (unnamed)</strong>", session, StringComparison.Ordinal);
        Assert.Contains("<li>Sales: ", session, StringComparison.Ordinal);
        Assert.Matches("<a href=\"http://localhost:[0-9]+/\" target=\"_blank\">", session);

        var table = await RunAsync(kernel, """cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["shop"]])""");
        Assert.Contains("<th>shop</th><th>amount.SUM</th>", table, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Lyon</td><td class=\"num\">10.25</td></tr><tr><td>Paris</td><td class=\"num\">1,235.50</td></tr>", table, StringComparison.Ordinal);

        var cells = await RunAsync(kernel, """session.QueryMdx("SELECT [Measures].[amount.SUM] ON COLUMNS, [sales].[shop].[shop].Members ON ROWS FROM [Sales]").CellSet""");
        Assert.Contains("<th></th><th>amount.SUM</th>", cells, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Lyon</th><td class=\"num\">10.25</td></tr><tr><th>Paris</th><td class=\"num\">1,235.50</td></tr>", cells, StringComparison.Ordinal);

        var widget = await RunAsync(kernel, """session.Widget("SELECT [Measures].[amount.SUM] ON COLUMNS FROM [Sales]", "chart")""");
        var src = System.Text.RegularExpressions.Regex.Match(widget, "<iframe src=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("/embed#/embed?mdx=SELECT%20%5BMeasures%5D.%5Bamount.SUM%5D", WebUtility.HtmlDecode(src), StringComparison.Ordinal);
        Assert.EndsWith("&type=chart", WebUtility.HtmlDecode(src), StringComparison.Ordinal);

        // The embed page is the web app, and any notebook may frame it (the session has no login).
        using var http = new HttpClient();
        using var page = await http.GetAsync(new Uri(WebUtility.HtmlDecode(src)), Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors *;", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("X-Frame-Options"));
        await RunAsync(kernel, "session.Close(); 0");
    }

    [Fact]
    public async Task WithALoginOnlyTheSessionsOwnPagesAndAllowedOriginsMayFrameTheEmbedPage()
    {
        var (served, _) = Security.SecuredSession.Start(new SessionConfig { AllowedOrigins = ["https://notebooks.example.com"] });
        using var _ = served;
        using var page = await served.Client.GetAsync(new Uri("/embed", UriKind.Relative), Token);
        Assert.Contains("frame-ancestors 'self' https://notebooks.example.com;", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var other = await served.Client.GetAsync(new Uri("/", UriKind.Relative), Token);
        Assert.Contains("frame-ancestors 'self';", other.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", other.Headers.GetValues("X-Frame-Options").Single());
    }
}
