using System.CommandLine;

namespace Cuboid.Cli.Commands;

/// <summary>The <c>cuboid</c> command and its subcommands, as the program (and the tests) parse them.</summary>
internal static class CuboidCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Cuboid: an in-memory OLAP engine.")
        {
            DemoCommand.Create(),
            QueryCommand.Create(),
            ServeCommand.Create(),
        };
        root.HelpName = "cuboid";
        HelpExamples.AddTo(root);
        return root;
    }
}
