using Cuboid.Aggregation;
using Cuboid.Expressions;
using Cuboid.Mdx.Syntax;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// DRILLTHROUGH: the fact rows under the one cell a SELECT addresses. The cell's members
/// become a filter on fact rows the way a slicer set does (a member of a level accepts its code
/// at that level; an All member accepts everything), and rows are left out as scans leave them
/// out (deleted, or dropped by a mandatory join), so the rows returned are exactly those the
/// cell's value aggregates. Columns: the fact table's, or the RETURN clause's (DrillthroughColumn).
/// </summary>
internal static class Drillthrough
{
    public static QueryResult Execute(Session session, SourceText source, DrillthroughStatement statement, QueryContext query) =>
        QueryExecutor.Bind(session, source, statement.Select, query, null, executor =>
        {
            var (cell, queryFilter, evaluator) = executor.AddressCell();
            var snapshot = evaluator.Catalog.Snapshot;
            var filter = CellFilter(evaluator, cell, queryFilter, statement);
            var fact = snapshot.Graph.Fact;
            var (offset, maxRows) = (Math.Max(0, query.Options.DrillthroughOffset), Math.Min(statement.MaxRows ?? int.MaxValue, query.Options.MaxDrillthroughRows ?? int.MaxValue));
            // Columns are resolved before any row is read: an unknown RETURN column fails fast.
            var hidden = evaluator.Catalog.HiddenColumns;
            List<DrillthroughColumn> columns = statement.ReturnColumns.Count == 0
                ? [.. fact.Columns.Where(c => !hidden.Contains(c)).Select(c => DefaultColumn(evaluator.Catalog, fact, c))]
                : [.. statement.ReturnColumns.Select(c => DrillthroughColumn.Resolve(evaluator, c, cell))];
            query.Lap(QueryPhase.Bind);
            // Facts in a database: it returns the rows, which are read as a snapshot of their own.
            var compiled = filter is null || fact.Store.External is not null ? null : evaluator.Catalog.Cube.CompileLevelFilter(snapshot, filter).Filter;
            var (rows, total, data) = fact.Store.External is { } external
                ? external.Drillthrough(evaluator.Catalog.Cube, snapshot, filter, offset, maxRows, query.Cancellation)
                : ReadRows(snapshot, compiled, offset, maxRows, query);
            var result = DrillthroughColumn.Read(columns, data, compiled, rows);
            query.Lap(QueryPhase.Rows);
            return new QueryResult(result.Columns) { TotalRows = total };
        });

    /// <summary>
    /// A fact column as a drillthrough shows it by default: where the column is — or joins to — the key of a level with
    /// captions, the members' captions (a customer's name, not its id, as SSAS shows attribute names); else its values.
    /// </summary>
    private static DrillthroughColumn DefaultColumn(MdxCatalog catalog, Table fact, Column column)
    {
        var keys = new HashSet<Column> { column };
        foreach (var join in catalog.Snapshot.Graph.Joins)
        {
            if (join.Source == fact && join.Columns is [var pair] && ReferenceEquals(pair.Source, column)) keys.Add(pair.Target);
        }
        foreach (var hierarchy in catalog.Named.Where(h => !h.IsMeasures))
        {
            var levels = hierarchy.Model!.Levels;
            for (var depth = 0; depth < levels.Count; depth++)
            {
                if (levels[depth].CaptionColumn is not null && keys.Contains(levels[depth].Column) && hierarchy.Index!.ManyOf(catalog.Snapshot) is null)
                {
                    return DrillthroughColumn.OfLevel(column.Name, hierarchy, depth);
                }
            }
        }
        return DrillthroughColumn.OfTable(column.Name, fact.Store, column);
    }

    /// <summary>The fact rows the cell covers: its members' conditions and the query's filter.</summary>
    private static Condition? CellFilter(Evaluator evaluator, MdxContext cell, Condition? filter, DrillthroughStatement statement)
    {
        var conditions = new List<Condition>();
        if (filter is not null) conditions.Add(filter);
        // The measure does not select rows: every measure of a cell aggregates the same fact rows.
        foreach (var hierarchy in evaluator.Catalog.Hierarchies.Where(h => !h.IsMeasures))
        {
            var member = cell[hierarchy];
            if (member.IsAll) continue;
            if (member.Kind != MemberKind.Regular)
            {
                throw evaluator.Error(statement.Select, MdxErrorCodes.DrillthroughOfCalculated,
                    $"DRILLTHROUGH cannot return the rows under {member.UniqueName}: a calculated member's value is computed, not read from fact rows.");
            }
            conditions.Add(MemberConditions.Of(member)!);
        }
        return conditions.Count switch { 0 => null, 1 => conditions[0], _ => new AndCondition(conditions) };
    }

    /// <summary>
    /// Row ids of the fact rows that pass, in storage order: at most <paramref name="maxRows"/> after the first
    /// <paramref name="offset"/>; and how many pass in all (the scan goes on counting, checking the deadline).
    /// </summary>
    private static (List<int> Rows, long Total, CubeSnapshot Data) ReadRows(CubeSnapshot snapshot, RowCondition? filter, int offset, int maxRows, QueryContext query)
    {
        var rows = new List<int>();
        long total = 0;
        var scope = snapshot.Scope;
        var chunks = snapshot.Fact.Chunks;
        var pass = new bool[ChunkView.VectorSize];
        for (var c = 0; c < chunks.Length; c++)
        {
            query.Check();
            var chunk = chunks[c];
            var mandatory = snapshot.MandatoryMaps(c);
            for (var start = 0; start < chunk.Count; start += ChunkView.VectorSize)
            {
                var n = Math.Min(ChunkView.VectorSize, chunk.Count - start);
                if (filter is null) pass.AsSpan(0, n).Fill(true);
                else filter.Eval(new ChunkView(scope, c, start, n), pass);
                for (var r = 0; r < n; r++)
                {
                    var row = start + r;
                    if (!pass[r] || chunk.IsDeleted(row) || !Joined(mandatory, row)) continue;
                    if (total >= offset && rows.Count < maxRows) rows.Add(Chunk.RowId(c, row));
                    total++;
                }
            }
        }
        return (rows, total, snapshot);
    }

    /// <summary>Whether the row finds a row in every mandatorily joined table.</summary>
    private static bool Joined(int[][] mandatory, int row)
    {
        foreach (var map in mandatory)
        {
            if (map[row] < 0) return false;
        }
        return true;
    }
}
