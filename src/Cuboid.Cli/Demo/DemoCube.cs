using System.Diagnostics;
using System.Globalization;
using Cuboid.Cli.Rendering;
using Cuboid.Samples;
using Spectre.Console;

namespace Cuboid.Cli.Demo;

/// <summary>A session named "demo" holding the retail tables and the "Sales" cube; disposing it closes the session.</summary>
internal sealed class DemoCube : IDisposable
{
    private DemoCube(Session session, Cube cube, TimeSpan loadTime)
    {
        Session = session;
        Cube = cube;
        LoadTime = loadTime;
    }

    public Session Session { get; }

    public Cube Cube { get; }

    /// <summary>Reading the four CSV files, joining them and defining the cube.</summary>
    public TimeSpan LoadTime { get; }

    public long SalesRows => Session.Tables["Sales"].RowCount;

    /// <summary>
    /// Starts the session (served unless <see cref="SessionConfig.Port"/> is null) and builds the cube,
    /// with a bar for the sales rows read and one for the rest.
    /// </summary>
    public static DemoCube Load(IAnsiConsole console, RetailDataFiles files, SessionConfig config)
    {
        // The server is up from the start (config.Ready is false): until the cube is built its API answers 503, not a half-loaded cube.
        var session = Session.Start(config);
        try
        {
            var watch = Stopwatch.StartNew();
            var cube = ProgressBars.Run(console, bars =>
            {
                var sales = bars.Add("Loading sales.csv", files.SalesRows);
                var rest = bars.Add("Dimensions, joins, cube", 1, start: false);
                sales.Reported += read =>
                {
                    if (read < files.SalesRows) return;
                    sales.Complete();
                    rest.Start();
                };
                var built = RetailCube.Build(session, files, sales);
                sales.Complete();
                rest.Complete();
                return built;
            });
            var demo = new DemoCube(session, cube, watch.Elapsed);
            session.Ready = true;
            var rate = demo.SalesRows / Math.Max(demo.LoadTime.TotalSeconds, 1e-9);
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Loaded [bold]{demo.SalesRows:N0}[/] sales rows in [bold]{demo.LoadTime.TotalSeconds:0.00} s[/] ({rate:N0} rows/s).");
            return demo;
        }
        catch
        {
            session.Close();
            throw;
        }
    }

    public void Dispose() => Session.Close();
}
