using System.CommandLine;
using Cuboid.Cli.Commands;

var root = new RootCommand("Cuboid: an in-memory OLAP engine.")
{
    DemoCommand.Create(),
    QueryCommand.Create(),
    ServeCommand.Create(),
};
root.HelpName = "cuboid";

return root.Parse(args).Invoke();
