using Cuboid.Server;

namespace Cuboid.Cli.Demo;

/// <summary>
/// The dashboard the demo's link opens: KPI cards, a pivot of revenue by region × year with
/// subtotals (Europe expanded), a line chart of revenue by month and a filter on customer
/// segments for the whole dashboard. Its body (StarterDashboard.json, embedded) is the web app's
/// dashboard format, over the retail cube's unique names.
/// </summary>
internal static class StarterDashboard
{
    public const string Id = "retail-overview";
    public const string Name = "Retail overview";

    /// <summary>
    /// Saves the dashboard unless one is saved under its id already (a user's edits in a
    /// <c>--content</c> file are kept), and returns the link that opens it.
    /// </summary>
    public static string Save(Session session)
    {
        session.SaveContent(Id, "dashboard", Body(), Name, folder: "/", replace: false);
        return $"{session.Link}#/dashboard/{Id}";
    }

    public static string Body()
    {
        using var stream = typeof(StarterDashboard).Assembly.GetManifestResourceStream("Cuboid.Cli.Demo.StarterDashboard.json")
            ?? throw new InvalidOperationException("StarterDashboard.json is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
