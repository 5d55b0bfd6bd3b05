using System.CommandLine;

namespace Cuboid.Cli.Commands;

/// <summary>The options of the commands that serve a session (<c>demo</c>, <c>serve</c>): where user content and logs go.</summary>
internal static class SessionOptions
{
    public static Option<FileInfo?> Content() => new("--content")
    {
        Description = "A SQLite file keeping the dashboards, widgets and filters users save, so they survive restarts (created when missing; default: in memory).",
        HelpName = "PATH",
    };

    public static Option<FileInfo?> Logs() => new("--logs")
    {
        Description = "A file the session writes its log to: the server's address, commits, rejected rows (default: none).",
        HelpName = "PATH",
    };
}
