using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cuboid.Cli.Demo;
using Spectre.Console;

namespace Cuboid.Cli.Commands;

/// <summary>
/// <c>cuboid demo</c>: generates the retail data set, loads it into a cube, runs a few queries
/// and prints them. The steps are separate so that serving the web app can be added after the
/// queries without touching them.
/// </summary>
internal static class DemoCommand
{
    public const long DefaultRows = 1_000_000;
    public const int DefaultSeed = 42;

    public static Command Create()
    {
        var rows = new Option<long>("--rows", "-r")
        {
            Description = "Sales rows to generate: 1000000, 1M, 500K, ...",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultRows,
            CustomParser = RowCount.Parse,
        };
        var data = new Option<DirectoryInfo?>("--data", "-d")
        {
            Description = "Folder of the generated CSV files (default: a folder under the system temp dir, reused when complete).",
            HelpName = "DIR",
        };
        var seed = new Option<int>("--seed", "-s")
        {
            Description = "Seed of the data generator; the same rows and seed give the same files.",
            HelpName = "S",
            DefaultValueFactory = _ => DefaultSeed,
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = "Port of the web app (0: a free port).",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var noServe = new Option<bool>("--no-serve")
        {
            Description = "Print the queries and exit instead of serving the web app (batch runs).",
        };
        var content = SessionOptions.Content();
        var logs = SessionOptions.Logs();
        var command = new Command("demo", "Generate the retail sample data, load it into a cube, run a few queries and serve the web app, opened on a starter dashboard.")
        {
            rows, data, seed, port, noServe, content, logs,
        };
        command.SetAction(parseResult => Run(new DemoOptions(
            parseResult.GetValue(rows),
            parseResult.GetValue(data)?.FullName,
            parseResult.GetValue(seed),
            parseResult.GetValue(noServe) ? null : parseResult.GetValue(port),
            parseResult.GetValue(content)?.FullName,
            parseResult.GetValue(logs)?.FullName)));
        return command.WithExamples(
            ("1M sales rows, served on a free port", "cuboid demo"),
            ("10M rows on a fixed port", "cuboid demo --rows 10M --port 9090"),
            ("dashboards kept across restarts in a SQLite file, and a log file", "cuboid demo --content demo.db --logs demo.log"),
            ("print the queries and exit; other random data, written to a folder of your own", "cuboid demo --rows 100K --seed 7 --data ./retail --no-serve"));
    }

    private static int Run(DemoOptions options)
    {
        var total = Stopwatch.StartNew();
        var console = AnsiConsole.Console;
        console.Write(new Rule("[bold]Cuboid demo[/]").LeftJustified());

        var data = DemoData.Ensure(console, options);
        using var demo = DemoCube.Load(console, data, options.SessionConfig);
        var queries = DemoQueries.Run(console, demo.Cube);

        var queryMs = queries.Sum(q => q.Elapsed.TotalMilliseconds);
        console.WriteLine();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]Done:[/] {demo.SalesRows:N0} sales rows loaded in {demo.LoadTime.TotalSeconds:0.00} s, " +
            $"{queries.Count} queries in {queryMs:0.0} ms, {total.Elapsed.TotalSeconds:0.0} s in all."));
        Serve(console, demo.Session);
        return 0;
    }

    /// <summary>
    /// Saves the starter dashboard, prints the link that opens it and serves the web app until
    /// Ctrl+C (nothing without a server: --no-serve).
    /// </summary>
    private static void Serve(IAnsiConsole console, Session session)
    {
        if (session.Link is null) return;
        var link = StarterDashboard.Save(session);
        console.WriteLine();
        console.Write(new Panel(new Markup($"[bold]Web app:[/] [link={link}]{link}[/]\n" +
                $"[grey]The \"{StarterDashboard.Name}\" dashboard; the home page ({session.Link}) lists every saved one. Press Ctrl+C to stop.[/]"))
            .Header("[green] Serving [/]").Border(BoxBorder.Rounded));
        session.Wait();
        console.MarkupLine("[grey]Stopped.[/]");
    }
}
