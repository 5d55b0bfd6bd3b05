using System.CommandLine;
using Cuboid.Cli.Commands;
using Cuboid.Server;
using Cuboid.Tests.Support;
using Spectre.Console;

namespace Cuboid.Tests.Cli;

/// <summary>What <c>cuboid</c> tells a newcomer: every option in <c>--help</c> with an example, and what to pass when nothing is given.</summary>
public sealed class CommandHelpTests
{
    public static TheoryData<string> Commands => new(CuboidCommand.Create().Subcommands.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Commands))]
    public void HelpListsEveryOptionAndAnExampleOfEach(string name)
    {
        var output = new StringWriter();
        var code = CuboidCommand.Create().Parse([name, "--help"]).Invoke(new InvocationConfiguration { Output = output });
        Assert.Equal(0, code);
        var help = output.ToString();
        var examples = help.IndexOf("Examples:", StringComparison.Ordinal);
        Assert.True(examples > 0, $"no examples in the help of {name}:\n{help}");
        var commandLines = help[examples..].Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith($"cuboid {name}", StringComparison.Ordinal) || l.Contains($"| cuboid {name}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commandLines);

        var command = CuboidCommand.Create().Subcommands.Single(c => c.Name == name);
        foreach (var option in command.Options.Where(o => o.Name != "--help"))
        {
            Assert.Contains(option.Name, help[..examples], StringComparison.Ordinal);
            Assert.True(commandLines.Any(l => l.Contains(option.Name + " ", StringComparison.Ordinal) || l.EndsWith(option.Name, StringComparison.Ordinal)),
                $"no example of cuboid {name} uses {option.Name}:\n{string.Join("\n", commandLines)}");
        }
    }

    [Fact]
    public void ServeWithNothingToServeSaysWhatToPass()
    {
        var (console, text) = Console();
        var code = ServeCommand.Load(Options(), console, out var session);
        Assert.Equal(QueryCommand.BadInput, code);
        Assert.Null(session);
        var printed = text.ToString();
        Assert.StartsWith("cuboid serve: nothing to serve. Give a model file (--model FILE) or tables", printed, StringComparison.Ordinal);
        foreach (var (_, commandLine) in ServeCommand.Examples) Assert.Contains(commandLine, printed, StringComparison.Ordinal);   // whole, not wrapped
        Assert.Contains("Every option: cuboid serve --help", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeWithAModelAndTablesSaysToChooseOne()
    {
        var (console, text) = Console();
        Assert.Equal(QueryCommand.BadInput, ServeCommand.Load(Options() with { Model = "model.json", Csv = ["sales.csv"] }, console, out _));
        Assert.Contains("give either --model or tables (--csv, --parquet, --arrow, --sql), not both", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ServeKeepsUserContentAndLogsWhereAsked()
    {
        var folder = TestData.TempDirectory();
        var csv = Path.Combine(folder, "sales.csv");
        File.WriteAllText(csv, "Id,Shop,Amount\n1,A,2.5\n2,B,4\n");
        var (content, logs) = (Path.Combine(folder, "content.db"), Path.Combine(folder, "serve.log"));
        var (console, _) = Console();

        Assert.Null(ServeCommand.Load(Options() with { Csv = [csv], Port = 0, Content = content, Logs = logs }, console, out var session));
        using (session)
        {
            Assert.True(session!.SaveContent("d1", "dashboard", "{}", "Kept"));
            Assert.Contains($"server listening on {session!.Link}", File.ReadAllText(logs), StringComparison.Ordinal);
        }
        Assert.True(File.Exists(content));

        Assert.Null(ServeCommand.Load(Options() with { Csv = [csv], Port = 0, Content = content }, console, out var restarted));
        using (restarted) Assert.Equal("{}", restarted!.ReadContent("d1"));
    }

    private static ServeCommand.ServeOptions Options() => new(null, null, [], [], [], null, null, "sqlite", [], [], null, Port: null);

    private static (IAnsiConsole Console, StringWriter Text) Console()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = 500;   // messages unwrapped, to compare them whole
        return (console, text);
    }
}
