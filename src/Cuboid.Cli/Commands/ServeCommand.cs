using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Cuboid.ModelFiles;
using Spectre.Console;

namespace Cuboid.Cli.Commands;

/// <summary>
/// <c>cuboid serve</c>: loads the user's data — a model file (<c>--model</c>, every source it names), or
/// tables from <c>--csv</c>, <c>--parquet</c> and <c>--arrow</c> files (repeatable) and a <c>--sql</c> query (with
/// <c>--connection</c> and <c>--provider</c>), keyed by <c>--keys</c> and joined by <c>--join</c> into a
/// star or snowflake whose fact table becomes an Auto cube — and serves the web app until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model", "-m") { Description = "A cube model file (JSON: tables from CSV, Parquet or SQL, joins, cubes).", HelpName = "FILE" };
        var data = new Option<DirectoryInfo?>("--data", "-d") { Description = "The folder the model's files are relative to (default: the model file's folder).", HelpName = "DIR" };
        var csv = new Option<string[]>("--csv") { Description = "A CSV file or glob to load as a table (repeatable; NAME=PATH names the table).", HelpName = "[NAME=]PATH" };
        var arrow = new Option<string[]>("--arrow") { Description = "An Arrow IPC file (file or stream format) to load as a table (repeatable; NAME=PATH names the table).", HelpName = "[NAME=]PATH" };
        var parquet = new Option<string[]>("--parquet") { Description = "A Parquet file or glob, e.g. Spark's part-*.parquet (repeatable; NAME=PATH names the table).", HelpName = "[NAME=]PATH" };
        var sql = new Option<string?>("--sql") { Description = "A SQL query whose result is a table (NAME=QUERY names it; default \"sql\").", HelpName = "[NAME=]QUERY" };
        var connection = new Option<string?>("--connection") { Description = "The connection string of --sql.", HelpName = "STRING" };
        var provider = new Option<string>("--provider") { Description = "The ADO.NET provider of --sql: sqlite or postgresql.", HelpName = "NAME", DefaultValueFactory = _ => "sqlite" };
        var keys = new Option<string[]>("--keys", "-k") { Description = "Key columns, comma-separated: of the fact table, or of TABLE: (repeatable).", HelpName = "[TABLE:]COLUMNS" };
        var joins = new Option<string[]>("--join", "-j") { Description = "A join: FROM.COLUMN=TO.COLUMN[,…], or FROM=TO on TO's keys (repeatable). The table no join points to is the fact table.", HelpName = "JOIN" };
        var name = new Option<string?>("--name", "-n") { Description = "The cube's name (and the table's, when there is one source; default: the file's name, or \"sql\").", HelpName = "NAME" };
        var port = new Option<int>("--port", "-p") { Description = "Port of the web app (0: a free port).", HelpName = "N", DefaultValueFactory = _ => 0 };
        var content = SessionOptions.Content();
        var logs = SessionOptions.Logs();
        var security = ServeSecurity.Create();
        var command = new Command("serve", "Load your data (a model file, or CSV, Parquet and Arrow files and a SQL query, joined into a star) and serve the web app.")
        {
            model, data, csv, parquet, arrow, sql, connection, provider, keys, joins, name, port, content, logs,
        };
        foreach (var option in security.All) command.Options.Add(option);
        command.SetAction(parse => Run(new ServeOptions(
            parse.GetValue(model)?.FullName, parse.GetValue(data)?.FullName, parse.GetValue(csv) ?? [], parse.GetValue(parquet) ?? [], parse.GetValue(arrow) ?? [], parse.GetValue(sql),
            parse.GetValue(connection), parse.GetValue(provider)!, parse.GetValue(keys) ?? [], parse.GetValue(joins) ?? [], parse.GetValue(name), parse.GetValue(port),
            parse.GetValue(content)?.FullName, parse.GetValue(logs)?.FullName, security.Read(parse)),
            AnsiConsole.Console, wait: true));
        return command.WithExamples(Examples);
    }

    /// <summary>The examples of <c>cuboid serve --help</c>, also printed when no data is given.</summary>
    internal static readonly (string What, string CommandLine)[] Examples =
    [
        ("a file (CSV, gzipped CSV, Parquet, Arrow) as a table and an Auto cube", "cuboid serve --csv sales.csv.gz --keys sale_id"),
        ("every file of a glob into one table", "cuboid serve --csv 'data/part-*.csv' --name Sales"),
        ("a star of two tables", "cuboid serve --parquet sales.parquet --csv Products=products.csv --keys Products:product_id --join sales.product_id=Products.product_id"),
        ("an Arrow IPC file", "cuboid serve --arrow trades.arrow --keys trade_id"),
        ("the result of a SQL query", "cuboid serve --sql \"SELECT * FROM trades\" --connection \"Host=db;Username=me;Database=risk\" --provider postgresql"),
        ("a model file; dashboards kept in a SQLite file, a log, a fixed port", "cuboid serve --model samples/foodmart/model.json --content dashboards.db --logs serve.log --port 9090"),
        ("a model file whose tables are in another folder", "cuboid serve --model model.json --data /srv/exports"),
        ("for a team: the network, Basic users from a file, HTTPS (password in $CUBOID_HTTPS_PASSWORD), tokens that survive a restart", "cuboid serve --model model.json --host 0.0.0.0 --users users.txt --https cuboid.p12 --jwt-key jwt.pem"),
        ("users of a directory, its admins group as admins", "cuboid serve --model model.json --ldap ldap://ldap.example:389 --ldap-base-dn dc=example,dc=com --ldap-role admins=ROLE_ADMIN"),
        ("Kerberos single sign-on for the desktop's logged-in users", "cuboid serve --model model.json --host 0.0.0.0 --kerberos HTTP/cubes.example.com --kerberos-keytab http.keytab"),
        ("users of an OpenID provider (secret in $CUBOID_OIDC_CLIENT_SECRET), behind a proxy on this machine",
            "cuboid serve --model model.json --oidc-issuer https://sso.example/realms/team --oidc-client-id cuboid --oidc-provider SSO --oidc-roles-claim groups --oidc-role admins=ROLE_ADMIN --oidc-audience urn:cuboid --trusted-proxy 127.0.0.1"),
    ];

    internal sealed record ServeOptions(string? Model, string? Data, IReadOnlyList<string> Csv, IReadOnlyList<string> Parquet, IReadOnlyList<string> Arrow, string? Sql, string? Connection, string Provider,
        IReadOnlyList<string> Keys, IReadOnlyList<string> Joins, string? Name, int? Port, string? Content = null, string? Logs = null, ServeSecurity? Security = null);

    /// <summary>The whole command (tests pass <paramref name="wait"/> false and a null port, and get the session back).</summary>
    internal static int Run(ServeOptions options, IAnsiConsole console, bool wait) => Load(options, console, out var session) is { } failure ? failure : Serve(session!, console, wait);

    internal static int? Load(ServeOptions options, IAnsiConsole console, out Session? session)
    {
        session = null;
        var hasTables = options.Csv.Count + options.Parquet.Count + options.Arrow.Count > 0 || options.Sql is not null;
        if (options.Model is null && !hasTables)
        {
            console.MarkupLine("[red]cuboid serve:[/] nothing to serve. Give a model file (--model FILE) or tables (--csv, --parquet, --arrow, --sql), for example:");
            // Unwrapped: command lines are copied from here.
            console.Profile.Out.Writer.WriteLine(HelpExamples.Format(Examples));
            console.MarkupLine("Every option: [bold]cuboid serve --help[/]");
            return QueryCommand.BadInput;
        }
        if (options.Model is not null && hasTables)
        {
            console.MarkupLine("[red]cuboid serve:[/] give either --model or tables (--csv, --parquet, --arrow, --sql), not both: a model file names its own tables.");
            return QueryCommand.BadInput;
        }
        RegisterProviders();
        // Not ready until the cube exists: meanwhile the API answers 503 with Retry-After, not a 404 or an empty cube.
        var security = options.Security ?? new ServeSecurity();
        try
        {
            var config = new SessionConfig { Name = options.Name ?? "serve", Port = options.Port, UserContentStorage = options.Content, LogsPath = options.Logs, Ready = false };
            // A model file's "security" section first; the command line's options over it.
            if (options.Model is not null) config = CubeModelFile.SessionConfig(options.Model, config);
            session = Session.Start(security.Apply(config));
        }
        catch (Exception e) when (e is ArgumentException or IOException or ModelFileException)
        {
            console.MarkupLine($"[red]cuboid serve:[/] {Markup.Escape(e.Message)}");
            return QueryCommand.BadInput;
        }
        try
        {
            security.AddUsers(session);
            session.UseParquet().UseArrow();   // model files may name Parquet and Arrow files
            if (options.Model is not null)
            {
                CubeModelFile.Load(session, options.Model, options.Data);
                session.Ready = true;
                return null;
            }
            var (tables, joins, fact) = ServeSources.Plan(options);
            var started = session;
            foreach (var table in tables)
            {
                var loaded = WithProgress(console, table.Name, progress => LoadTable(started, table, options, progress));
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Loaded [bold]{loaded.RowCount:N0}[/] rows into table '{Markup.Escape(loaded.Name)}'."));
            }
            foreach (var join in joins)
            {
                var (from, to) = (session.Tables[join.From], session.Tables[join.To]);
                var mapping = join.Columns.Count == 0 ? null
                    : join.Columns.Select(c => from[c.From] == to[c.To]).Aggregate((a, b) => a & b);
                from.Join(to, mapping);
            }
            var cube = session.CreateCube(session.Tables[fact], options.Name ?? fact);
            console.MarkupLine($"Cube '{Markup.Escape(cube.Name)}' on table '{Markup.Escape(fact)}'" + (joins.Count == 0 ? "." : $", joining {string.Join(", ", joins.Select(j => $"'{Markup.Escape(j.To)}'"))}."));
            session.Ready = true;
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

    private static Table LoadTable(Session session, ServeTable table, ServeOptions options, IProgress<long> progress) => table.Kind switch
    {
        "csv" => session.ReadCsv(table.Location, new CsvOptions { TableName = table.Name, Keys = table.Keys, Progress = progress }),
        "parquet" => session.ReadParquet(table.Location, new ParquetReadOptions { TableName = table.Name, Keys = table.Keys, Progress = progress }),
        "arrow" => session.ReadArrowFile(table.Location, new RecordOptions { TableName = table.Name, Keys = table.Keys, Progress = progress }),
        _ => session.ReadSql(table.Location, options.Connection ?? throw new ArgumentException("--sql needs --connection."), Provider(options.Provider),
            new SqlOptions { TableName = table.Name, Keys = table.Keys, Progress = progress }),
    };

    /// <summary>A progress bar while a source reads (rows so far; the total is not known in advance).</summary>
    private static Table WithProgress(IAnsiConsole console, string name, Func<IProgress<long>, Table> load) =>
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask($"Loading {Markup.Escape(name)}").IsIndeterminate();
            return load(new Progress<long>(rows => task.Description = string.Create(CultureInfo.InvariantCulture, $"Loading {Markup.Escape(name)}: {rows:N0} rows")));
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
