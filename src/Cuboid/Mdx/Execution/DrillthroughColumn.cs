using Cuboid.Aggregation;
using Cuboid.Expressions;
using Cuboid.Mdx.Syntax;
using Cuboid.Model;
using Cuboid.Results;
using Cuboid.Storage;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// A column of a DRILLTHROUGH result. RETURN names a table column as <c>[table].[column]</c>
/// (any table the cube joins), a level by its unique name (the member's caption when the level
/// has a caption column, else its typed key; <c>Key(…)</c>, <c>Caption(…)</c>/<c>Name(…)</c> and
/// <c>UniqueName(…)</c> choose), or a measure (the value its aggregation reads on the row);
/// <c>AS alias</c> names the result column.
/// </summary>
internal abstract partial class DrillthroughColumn(string name, Type clrType)
{
    private static readonly HashSet<string> s_parts = new(["Key", "Caption", "Name", "UniqueName"], StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;
    public Type ClrType { get; } = clrType;

    /// <summary>
    /// Reads the rows of <paramref name="view"/>, a view of <paramref name="snapshot"/>'s facts, into <paramref name="values"/> from
    /// <paramref name="at"/>; <paramref name="filter"/> is the one that chose the rows (a column through a many-to-many join shows the target rows it kept).
    /// </summary>
    protected abstract void Read(in ChunkView view, CubeSnapshot snapshot, RowCondition? filter, object?[] values, int at);

    public static DrillthroughColumn OfTable(string name, TableStore table, Column column) => new TableColumn(name, table, column);

    /// <summary>A level's members (their captions when the level has a caption column), named <paramref name="name"/>.</summary>
    public static DrillthroughColumn OfLevel(string name, MdxHierarchy hierarchy, int depth) => new LevelColumn(name, hierarchy, depth, "");

    public static DrillthroughColumn Resolve(Evaluator evaluator, MdxExpression expression, MdxContext context)
    {
        var (inner, alias) = expression is AliasExpression a ? (a.Expression, a.Alias.Segments[^1].Name) : (expression, null);
        var part = "";
        if (inner is FunctionCall { Arguments.Count: 1 } call && s_parts.Contains(call.Name)) (part, inner) = (call.Name, call.Arguments[0]);
        if (inner is not IdentifierNode id) throw Unknown(evaluator, expression);
        var snapshot = evaluator.Catalog.Snapshot;
        if (part.Length == 0 && TableColumnOf(snapshot, id) is var (table, column) && !evaluator.Catalog.HiddenColumns.Contains(column))
        {
            var columnName = alias ?? $"[{table.Name}].[{column.Name}]";
            return snapshot.ManyTo(table) is { } through ? new ManyTableColumn(columnName, table, column, through) : new TableColumn(columnName, table.Store, column);
        }
        object? value;
        try
        {
            value = evaluator.Evaluate(id, context);
        }
        catch (MdxEvaluationException)
        {
            throw Unknown(evaluator, expression);
        }
        // [Gender].[Gender] names the hierarchy; with a single level it can only mean that level.
        if (value is MdxHierarchy { IsMeasures: false } hierarchy)
        {
            var levels = hierarchy.Levels.Where(l => l.Depth >= 0).ToList();
            if (levels.Count != 1) throw evaluator.Error(expression, MdxErrorCodes.BadReturnColumn, $"The RETURN column '{evaluator.Source[expression.Span]}' names the hierarchy {hierarchy.UniqueName}; name one of its levels: {string.Join(", ", levels.Select(l => l.UniqueName))}.");
            value = levels[0];
        }
        return value switch
        {
            MdxLevel { Depth: >= 0, Hierarchy.IsMeasures: false } level when level.Hierarchy.Index!.ManyOf(snapshot) is { } many =>
                new ManyLevelColumn(alias ?? level.UniqueName, level.Hierarchy, level.Depth, part, many),
            MdxLevel { Depth: >= 0, Hierarchy.IsMeasures: false } level => new LevelColumn(alias ?? level.UniqueName, level.Hierarchy, level.Depth, part),
            MdxMember { Kind: MemberKind.Measure, Measure: { } measure } when part.Length == 0 => OfMeasure(evaluator, expression, alias ?? measure.UniqueName, measure),
            _ => throw Unknown(evaluator, expression),
        };
    }

    /// <summary>The result: one typed column per drillthrough column, rows in <paramref name="rows"/> order.</summary>
    public static QueryResult Read(IReadOnlyList<DrillthroughColumn> columns, CubeSnapshot snapshot, RowCondition? filter, List<int> rows)
    {
        var values = columns.Select(_ => new object?[rows.Count]).ToArray();
        var scope = snapshot.Scope;
        var selection = new int[ChunkView.VectorSize];
        for (var start = 0; start < rows.Count;)
        {
            // The next rows of one chunk, a vector at most, as a selection: columns read them in bulk.
            var chunk = Chunk.ChunkOf(rows[start]);
            var n = 0;
            while (start + n < rows.Count && n < selection.Length && Chunk.ChunkOf(rows[start + n]) == chunk)
            {
                selection[n] = Chunk.OffsetOf(rows[start + n]);
                n++;
            }
            var view = new ChunkView(scope, chunk, 0, n, selection);
            for (var c = 0; c < columns.Count; c++) columns[c].Read(view, snapshot, filter, values[c], start);
            start += n;
        }
        return new QueryResult([.. columns.Select((c, i) => new ResultColumn(c.Name, ColumnRole.Column, c.ClrType, TypedArrays.Create(c.ClrType, rows.Count, r => values[i][r])))]);
    }

    /// <summary><c>[table].[column]</c> for a table the cube reaches, or null.</summary>
    private static (Table Table, Column Column)? TableColumnOf(CubeSnapshot snapshot, IdentifierNode id)
    {
        if (id.Segments.Count != 2) return null;
        var table = snapshot.Graph.Tables.FirstOrDefault(t => string.Equals(t.Name, id.Segments[0].Name, StringComparison.OrdinalIgnoreCase));
        var column = table?.Columns.FirstOrDefault(c => string.Equals(c.Name, id.Segments[1].Name, StringComparison.OrdinalIgnoreCase));
        return column is null ? null : (table!, column);
    }

    private static DrillthroughColumn OfMeasure(Evaluator evaluator, MdxExpression at, string name, Measure measure)
    {
        var definition = (MeasureDefinition)measure;
        while (definition is Measure named) definition = named.Definition;
        var tableOf = evaluator.Catalog.Cube.TableOf;
        return definition switch
        {
            AggregatedMeasure { Input: Column column } => new TableColumn(name, tableOf(column), column),
            AggregatedMeasure aggregated => new CalcColumn(name, RowCalc.Compile(aggregated.Input, tableOf)),
            _ => throw evaluator.Error(at, MdxErrorCodes.ReturnNotOfRows,
                $"{measure.UniqueName} is not an aggregation of fact rows (it is {definition}): DRILLTHROUGH can return only the values such measures read on a row."),
        };
    }

    private static MdxEvaluationException Unknown(Evaluator evaluator, MdxExpression expression)
    {
        var fact = evaluator.Catalog.Snapshot.Graph.Fact;
        return evaluator.Error(expression, MdxErrorCodes.BadReturnColumn,
            $"The RETURN column '{evaluator.Source[expression.Span]}' is neither a column of a table of cube '{evaluator.Catalog.Cube.Name}' ([table].[column]), a level nor a measure. "
            + $"The fact table '{fact.Name}' has the columns {string.Join(", ", fact.Columns.Select(c => c.Name))}.");
    }

    private sealed class TableColumn(string name, TableStore table, Column column) : DrillthroughColumn(name, column.DataType.ClrType())
    {
        protected override void Read(in ChunkView view, CubeSnapshot snapshot, RowCondition? filter, object?[] values, int at)
        {
            var (version, map) = view.Source(table);
            var index = column.Schema.Index;
            for (var r = 0; r < view.Count; r++)
            {
                var offset = view.Selection![r];
                var id = map is null ? Chunk.RowId(view.Index, offset) : map[offset];
                values[at + r] = id < 0 ? null : version.GetValue(index, id);
            }
        }
    }

    private sealed class LevelColumn(string name, MdxHierarchy hierarchy, int depth, string part)
        : DrillthroughColumn(name, TypeOf(hierarchy.Model!.Levels[depth], part))
    {
        private readonly bool _key = TypeOf(hierarchy.Model!.Levels[depth], part) != typeof(string) || string.Equals(part, "Key", StringComparison.OrdinalIgnoreCase);

        private static Type TypeOf(Level level, string part) => part.ToUpperInvariant() switch
        {
            "KEY" => level.DataType.ClrType(),
            "" when level.CaptionColumn is null => level.DataType.ClrType(),
            _ => typeof(string),
        };

        protected override void Read(in ChunkView view, CubeSnapshot snapshot, RowCondition? filter, object?[] values, int at)
        {
            using var lease = BufferPool.Ints(view.Count, out var codes);
            ScanPlan.LevelCodes(snapshot, hierarchy.Index!, depth, view, codes);
            for (var r = 0; r < view.Count; r++)
            {
                var member = hierarchy.Member(depth, codes[r]);
                values[at + r] = _key ? member.Key
                    : string.Equals(part, "UniqueName", StringComparison.OrdinalIgnoreCase) ? member.UniqueName
                    : member.Caption;
            }
        }
    }

    private sealed class CalcColumn(string name, RowCalc calc) : DrillthroughColumn(name, typeof(double))
    {
        protected override void Read(in ChunkView view, CubeSnapshot snapshot, RowCondition? filter, object?[] values, int at)
        {
            using var valueLease = BufferPool.Doubles(view.Count, out var numbers);
            using var validLease = BufferPool.Bools(view.Count, out var valid);
            calc.EvalWithValidity(view, numbers, valid);
            for (var r = 0; r < view.Count; r++) values[at + r] = valid[r] ? numbers[r] : null;
        }
    }
}
