using System.Net;

namespace Cuboid;

/// <summary>
/// A live widget of the session's web app for an MDX query (<see cref="Session.Widget"/>, Atoti's <c>session.widget</c>): a
/// notebook shows it as an iframe on the session's server, which updates as commits change the query's result.
/// </summary>
[Notebooks.TypeFormatterSource(typeof(Notebooks.NotebookFormatters))]
public sealed record SessionWidget(Uri Url, string Mdx, string Type)
{
    /// <summary>The iframe a notebook (or any page) shows the widget with.</summary>
    public string ToHtml(int height = 400) =>
        $"<iframe src=\"{WebUtility.HtmlEncode(Url.AbsoluteUri)}\" style=\"width:100%;height:{height}px;border:0\" title=\"{WebUtility.HtmlEncode(Mdx)}\"></iframe>";
}
