namespace Cuboid.Cli.Demo;

/// <summary>
/// What <c>cuboid demo</c> was asked: sales rows, data folder (null: the default one), seed, the
/// web app's port (0: a free one; null: <c>--no-serve</c>, print the queries and exit), the SQLite
/// file of user content (null: in memory) and the log file (null: none).
/// </summary>
internal sealed record DemoOptions(long Rows, string? DataDirectory, int Seed, int? Port = null, string? Content = null, string? Logs = null)
{
    /// <summary>The demo session's configuration.</summary>
    public SessionConfig SessionConfig => new() { Name = "demo", Port = Port, UserContentStorage = Content, LogsPath = Logs, Ready = false };

    /// <summary>The given folder, or one under the system temp dir named by rows and seed.</summary>
    public string ResolveDirectory() =>
        DataDirectory ?? Path.Combine(Path.GetTempPath(), "cuboid-demo", $"retail-{Commands.RowCount.Short(Rows)}-seed{Seed}");
}
