using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Cuboid.Cli.Commands;

/// <summary>
/// Examples under a command's help (<c>cuboid serve --help</c>): an "Examples:" section after the
/// options, for the commands that register some.
/// </summary>
internal static class HelpExamples
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, (string What, string CommandLine)[]> s_examples = new();

    /// <summary>Registers <paramref name="examples"/> (what each does, and its command line) for <paramref name="command"/>.</summary>
    public static T WithExamples<T>(this T command, params (string What, string CommandLine)[] examples) where T : Command
    {
        s_examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>Examples as help prints them: a comment line, then the command line, indented.</summary>
    public static string Format(IEnumerable<(string What, string CommandLine)> examples) =>
        string.Join(Environment.NewLine, examples.Select(e => $"  # {e.What}{Environment.NewLine}  {e.CommandLine}"));


    /// <summary>Adds the examples after the help of <paramref name="root"/>'s commands that have some.</summary>
    public static void AddTo(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard) help.Action = new WithExamplesAction(standard);
    }

    /// <summary>System.CommandLine's help, then an "Examples:" section (its help layout cannot be extended from outside).</summary>
    private sealed class WithExamplesAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = standard.Invoke(parseResult);
            if (s_examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                output.WriteLine(Format(examples));
                output.WriteLine();
            }
            return code;
        }
    }
}
