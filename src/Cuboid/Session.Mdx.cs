using Cuboid.Mdx.Execution;
using Cuboid.Results;

namespace Cuboid;

public sealed partial class Session
{
    /// <summary>
    /// Runs an MDX SELECT on one of the session's cubes (the one named in FROM). Errors are an
    /// <see cref="MdxException"/> whose diagnostics carry a code, a message and a line:column.
    /// </summary>
    public QueryResult QueryMdx(string mdx)
    {
        ArgumentNullException.ThrowIfNull(mdx);
        ThrowIfClosed();
        var cells = QueryExecutor.Execute(this, mdx);
        return CellSetTable.ToQueryResult(cells);
    }
}
