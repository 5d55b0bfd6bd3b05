using System.CommandLine;
using Cuboid.Cli.Query;
using Cuboid.ModelFiles;

namespace Cuboid.Cli.Commands;

/// <summary>
/// <c>cuboid query --model FILE [--data DIR] [--format table|csv|json|traditional] [FILE]</c>: builds the
/// cube of a model file, runs the MDX queries of FILE (or standard input), separated by <c>=====</c>
/// lines, and prints their results in order. Exit code: 0 all ran, 1 a query failed, 2 the model or input could not be read.
/// </summary>
internal static class QueryCommand
{
    public const int QueryFailed = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var model = new Option<FileInfo>("--model", "-m")
        {
            Description = "The cube model file (JSON: tables, joins, cubes; see samples/foodmart/model.json).",
            HelpName = "FILE",
            Required = true,
        };
        var data = new Option<DirectoryInfo?>("--data", "-d")
        {
            Description = "The folder the model's table files are relative to (default: the model file's folder).",
            HelpName = "DIR",
        };
        var format = new Option<QueryFormat>("--format", "-f")
        {
            Description = "How to print results: table (formatted values), csv (raw values), json (the cell set) or traditional (Mondrian's layout).",
            HelpName = "table|csv|json|traditional",
            DefaultValueFactory = _ => QueryFormat.Table,
        };
        var file = new Argument<FileInfo?>("FILE")
        {
            Description = "The MDX queries, separated by lines holding only =====; standard input when absent.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("query", "Load a cube from a model file and run MDX queries on it.")
        {
            model, data, format, file,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(model)!.FullName,
            parseResult.GetValue(data)?.FullName,
            parseResult.GetValue(format),
            parseResult.GetValue(file)?.FullName,
            Console.In, Console.Out, Console.Error));
        return command.WithExamples(
            ("one query from standard input, on the FoodMart sample", "echo 'SELECT [Measures].[Unit Sales] ON COLUMNS, [Product].Children ON ROWS FROM [Sales]' | cuboid query --model samples/foodmart/model.json"),
            ("the queries of a file (separated by ===== lines) as CSV, the model's tables read from another folder", "cuboid query --model model.json --data /srv/exports --format csv queries.mdx"));
    }

    /// <summary>The whole command, with its streams given (tests call it without a process).</summary>
    public static int Run(string modelPath, string? dataDirectory, QueryFormat format, string? queryFile, TextReader input, TextWriter output, TextWriter error)
    {
        string script;
        try
        {
            script = queryFile is null ? input.ReadToEnd() : File.ReadAllText(queryFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cuboid query: cannot read the queries: {e.Message}");
            return BadInput;
        }
        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        ServeCommand.RegisterProviders();   // model files may read SQL sources
        session.UseParquet().UseArrow();   // and Parquet and Arrow files
        try
        {
            CubeModelFile.Load(session, modelPath, dataDirectory);
        }
        catch (ModelFileException e)
        {
            error.WriteLine($"cuboid query: {e.Message}");
            return BadInput;
        }
        return QueryRunner.Run(session, script, format, output);
    }
}
