namespace Cuboid.Cli.Demo;

/// <summary>What <c>cuboid demo</c> was asked: sales rows, data folder (null: the default one) and seed.</summary>
internal sealed record DemoOptions(long Rows, string? DataDirectory, int Seed)
{
    /// <summary>The given folder, or one under the system temp dir named by rows and seed.</summary>
    public string ResolveDirectory() =>
        DataDirectory ?? Path.Combine(Path.GetTempPath(), "cuboid-demo", $"retail-{Commands.RowCount.Short(Rows)}-seed{Seed}");
}
