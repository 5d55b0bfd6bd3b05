using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Cuboid.ModelFiles;
using Spectre.Console;

namespace Cuboid.Cli.Commands;

/// <summary>
/// <c>cuboid serve</c>: loads the user's data — a model file (<c>--model</c>, every source it names), or one
/// table from <c>--csv</c>, <c>--parquet</c> or <c>--sql</c> (with <c>--connection</c> and <c>--provider</c>),
/// keyed by <c>--keys</c>, made into an Auto cube — and serves the web app until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model", "-m") { Description = "A cube model file (JSON: tables from CSV, Parquet or SQL, joins, cubes).", HelpName = "FILE" };
        var data = new Option<DirectoryInfo?>("--data", "-d") { Description = "The folder the model's files are relative to (default: the model file's folder).", HelpName = "DIR" };
        var csv = new Option<string?>("--csv") { Description = "A CSV file or glob to load as the fact table.", HelpName = "PATH" };
        var parquet = new Option<string?>("--parquet") { Description = "A Parquet file or glob (Spark's part-*.parquet) to load as the fact table.", HelpName = "PATH" };
        var sql = new Option<string?>("--sql") { Description = "A SQL query whose result is the fact table.", HelpName = "QUERY" };
        var connection = new Option<string?>("--connection") { Description = "The connection string of --sql.", HelpName = "STRING" };
        var provider = new Option<string>("--provider") { Description = "The ADO.NET provider of --sql: sqlite or postgresql.", HelpName = "NAME", DefaultValueFactory = _ => "sqlite" };
        var keys = new Option<string?>("--keys", "-k") { Description = "The table's key columns, comma-separated.", HelpName = "COLUMNS" };
        var name = new Option<string?>("--name", "-n") { Description = "The table's and cube's name (default: the file's name, or \"sql\").", HelpName = "NAME" };
        var port = new Option<int>("--port", "-p") { Description = "Port of the web app (0: a free port).", HelpName = "N", DefaultValueFactory = _ => 0 };
        var command = new Command("serve", "Load your data (a model file, a CSV or Parquet file, or a SQL query) and serve the web app.")
        {
            model, data, csv, parquet, sql, connection, provider, keys, name, port,
        };
        command.SetAction(parse => Run(new ServeOptions(
            parse.GetValue(model)?.FullName, parse.GetValue(data)?.FullName, parse.GetValue(csv), parse.GetValue(parquet), parse.GetValue(sql),
            parse.GetValue(connection), parse.GetValue(provider)!, parse.GetValue(keys), parse.GetValue(name), parse.GetValue(port)), AnsiConsole.Console, wait: true));
        return command;
    }

    internal sealed record ServeOptions(string? Model, string? Data, string? Csv, string? Parquet, string? Sql, string? Connection, string Provider,
        string? Keys, string? Name, int? Port);

    /// <summary>The whole command (tests pass <paramref name="wait"/> false and a null port, and get the session back).</summary>
    internal static int Run(ServeOptions options, IAnsiConsole console, bool wait) => Load(options, console, out var session) is { } failure ? failure : Serve(session!, console, wait);

    internal static int? Load(ServeOptions options, IAnsiConsole console, out Session? session)
    {
        session = null;
        var sources = new[] { options.Model, options.Csv, options.Parquet, options.Sql }.Count(s => s is not null);
        if (sources != 1)
        {
            console.MarkupLine("[red]cuboid serve:[/] give exactly one of --model, --csv, --parquet or --sql.");
            return QueryCommand.BadInput;
        }
        RegisterProviders();
        session = Session.Start(new SessionConfig { Name = options.Name ?? "serve", Port = options.Port });
        try
        {
            if (options.Model is not null)
            {
                CubeModelFile.Load(session, options.Model, options.Data);
                return null;
            }
            var keys = options.Keys?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var loaded = session;
            var table = WithProgress(console, progress =>
                options.Csv is { } csvPath ? loaded.ReadCsv(csvPath, new CsvOptions { TableName = options.Name, Keys = keys, Progress = progress })
                : options.Parquet is { } parquetPath ? loaded.ReadParquet(parquetPath, new ParquetReadOptions { TableName = options.Name, Keys = keys, Progress = progress })
                : loaded.ReadSql(options.Sql!, options.Connection ?? throw new ArgumentException("--sql needs --connection."), Provider(options.Provider),
                    new SqlOptions { TableName = options.Name ?? "sql", Keys = keys, Progress = progress }));
            session.CreateCube(table, options.Name ?? table.Name);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Loaded [bold]{table.RowCount:N0}[/] rows into table '{Markup.Escape(table.Name)}' and its cube."));
            return null;
        }
        catch (Exception e) when (e is LoadException or ModelFileException or ArgumentException or KeyNotFoundException or IOException or DbException)
        {
            console.MarkupLine($"[red]cuboid serve:[/] {Markup.Escape(e.Message)}");
            session.Dispose();
            session = null;
            return QueryCommand.BadInput;
        }
    }

    /// <summary>A progress bar while a source reads (rows so far; the total is not known in advance).</summary>
    private static Table WithProgress(IAnsiConsole console, Func<IProgress<long>, Table> load) =>
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("Loading").IsIndeterminate();
            return load(new Progress<long>(rows => task.Description = string.Create(CultureInfo.InvariantCulture, $"Loading: {rows:N0} rows")));
        });

    private static DbProviderFactory Provider(string name) =>
        DbProviderFactories.TryGetFactory(name, out var factory) ? factory
            : throw new ArgumentException($"Unknown provider '{name}' (known: {string.Join(", ", DbProviderFactories.GetProviderInvariantNames())}).");

    /// <summary>The providers model files and --sql can name.</summary>
    internal static void RegisterProviders()
    {
        DbProviderFactories.RegisterFactory("sqlite", Microsoft.Data.Sqlite.SqliteFactory.Instance);
        DbProviderFactories.RegisterFactory("postgresql", Npgsql.NpgsqlFactory.Instance);
    }

    private static int Serve(Session session, IAnsiConsole console, bool wait)
    {
        using (session)
        {
            if (session.Link is { } link)
            {
                console.Write(new Panel(new Markup($"[bold]Web app:[/] [link={link}]{link}[/]\n[grey]Press Ctrl+C to stop.[/]")).Header("[green] Serving [/]").Border(BoxBorder.Rounded));
                if (wait) session.Wait();
            }
        }
        return 0;
    }
}
