using System.Diagnostics;
using System.Globalization;
using Cuboid.Cli.Rendering;
using Cuboid.Samples;
using Spectre.Console;

namespace Cuboid.Cli.Demo;

/// <summary>The demo's CSV files: generated once per (rows, seed), then reused.</summary>
internal static class DemoData
{
    /// <summary>Written last, so its presence means a complete data set.</summary>
    private const string MarkerFile = ".cuboid-complete";

    public static RetailDataFiles Ensure(IAnsiConsole console, DemoOptions options)
    {
        var directory = options.ResolveDirectory();
        var marker = Path.Combine(directory, MarkerFile);
        var expected = MarkerText(options);
        var files = FilesIn(directory, options.Rows);
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == expected && AllExist(files))
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Reusing the data set in [blue]{directory}[/] ({options.Rows:N0} sales rows, seed {options.Seed}).");
            return files;
        }

        if (File.Exists(marker)) File.Delete(marker);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Generating {options.Rows:N0} sales rows (seed {options.Seed}) into [blue]{directory}[/]");
        var watch = Stopwatch.StartNew();
        files = ProgressBars.Run(console, "Generating sales.csv", options.Rows,
            progress => RetailData.WriteCsv(directory, options.Rows, options.Seed, progress));
        File.WriteAllText(marker, expected + "\n");
        var bytes = new[] { files.Sales, files.Stores, files.Products, files.Customers }.Sum(f => new FileInfo(f).Length);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Generated {bytes / (1024.0 * 1024):N1} MB in {watch.Elapsed.TotalSeconds:0.00} s.");
        return files;
    }

    private static string MarkerText(DemoOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"rows={options.Rows} seed={options.Seed}");

    private static RetailDataFiles FilesIn(string directory, long rows) => new(directory,
        Path.Combine(directory, "sales.csv"), Path.Combine(directory, "stores.csv"),
        Path.Combine(directory, "products.csv"), Path.Combine(directory, "customers.csv"), rows);

    private static bool AllExist(RetailDataFiles files) =>
        File.Exists(files.Sales) && File.Exists(files.Stores) && File.Exists(files.Products) && File.Exists(files.Customers);
}
