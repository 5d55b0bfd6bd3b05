using Cuboid.Aggregation;
using Cuboid.Expressions;
using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Syntax;
using Cuboid.Results;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Runs a SELECT: binds the WITH clause, evaluates the slicer, the axes and then every cell,
/// and repeats the evaluation while the cell reader still had cells to load (each round loads
/// all the cells the previous one asked for, in one request per shape). DrillthroughCell.cs
/// finds the one cell a DRILLTHROUGH addresses instead.
/// </summary>
internal sealed partial class QueryExecutor
{
    private const int MaxRounds = 12;

    /// <summary>Runs a parsed SELECT under the limits of <paramref name="query"/>, which records its plan.</summary>
    internal static CellSet Execute(Session session, SourceText source, SelectStatement select, QueryContext query, string? cubeName = null) =>
        Bind(session, source, select, query, cubeName, executor => executor.Run());

    /// <summary>Defines the query's calculated members and binds it, evaluating nothing (the parse+bind benchmark); returns the calcs made.</summary>
    internal static int BindOnly(Session session, SourceText source, SelectStatement select, QueryContext query) =>
        Bind(session, source, select, query, null, executor =>
        {
            executor.DefineWithItems(new Evaluator(executor._catalog, new CellReader(null), executor._binder) { Query = query });
            executor.BindQuery();
            return executor._binder.Count;
        });

    /// <summary>
    /// Binds a parsed SELECT to its cube and runs <paramref name="run"/> on it under the limits of
    /// <paramref name="query"/>, which records the plan; evaluation errors and cancellation become MdxExceptions.
    /// </summary>
    internal static T Bind<T>(Session session, SourceText source, SelectStatement select, QueryContext query, string? cubeName, Func<QueryExecutor, T> run)
    {
        var name = cubeName ?? select.Cube?.Segments[^1].Name ?? "";
        var cube = session.Cubes.Values.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new MdxException([Diagnostic(source, select.Cube, MdxErrorCodes.UnknownCube, $"The session has no cube named '{name}'. Its cubes: {string.Join(", ", session.Cubes.Keys)}.")]);
        query.Cube = cube.Name;
        var access = session.Security.AccessOf(query.Options.User, query.Options.Roles);
        var catalog = cube.Catalogs.Rent(cube, cube.SnapshotOf(query.Options.Scenario), query.Options.Scenario, access);
        try
        {
            return run(new QueryExecutor(cube, catalog, source, select, query));
        }
        catch (MdxEvaluationException error)
        {
            throw new MdxException([error.Diagnostic]);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new MdxException([Diagnostic(source, select, MdxErrorCodes.NestingTooDeep, "The query nests too deeply to evaluate: its formulas and the calculated members and measures they refer to go more levels deep than the evaluator's stack holds.")]);
        }
        catch (OperationCanceledException) when (query.Cancellation.IsCancellationRequested && !query.CancelledByCaller)
        {
            throw query.TimedOut();
        }
        finally
        {
            cube.Catalogs.Return(catalog);
        }
    }

    private readonly Cube _cube;
    private readonly SourceText _source;
    private readonly SelectStatement _select;
    private readonly MdxCatalog _catalog;
    private readonly Binder _binder;
    private readonly QueryContext _query;

    /// <summary>The locale the result speaks: members' captions and cells' formatting (<see cref="QueryOptions.Locale"/>).</summary>
    private readonly Captions _captions;

    private QueryExecutor(Cube cube, MdxCatalog catalog, SourceText source, SelectStatement select, QueryContext query)
    {
        _cube = cube;
        _query = query;
        _captions = cube.Session.CaptionsFor(query.Options.Locale);
        _source = source;
        _select = select;
        _catalog = catalog;
        _binder = new Binder(catalog, source);
    }

    private CellSet Run()
    {
        CheckAxisNumbers();
        var (context, slicer, _, reader, evaluator) = Prepare();
        List<MdxSet>? evaluated = null;
        var readCells = new bool[_select.Axes.Count];
        for (var round = 0; ; round++)
        {
            // An axis is kept from the last round when it read no cell, unless a named set it may use did.
            var setsReadCells = evaluator.EvaluateNamedSets(context);
            evaluated = EvaluateAxes(evaluator, context, setsReadCells ? null : evaluated, readCells);
            var axes = new List<MdxSet>(evaluated);   // NON EMPTY replaces sets in this list, not in the evaluated ones
            if (round == 0)
            {
                CheckHierarchiesOnOneAxis(axes);
                _query.CheckResultSize([.. axes.Select(a => a.Count)]);
            }
            var cells = EvaluateCells(evaluator, context, axes, slicerEmpty: slicer.Count == 0);
            _query.Lap(QueryPhase.Cells);
            if (!reader.Missed || round == MaxRounds) return Build(axes, slicer, cells, evaluator);
            reader.LoadPending();
            _query.Lap(QueryPhase.Loading);
        }
    }

    /// <summary>Binds the WITH clause and the slicer; the reader loads cells under the filter (a slicer set's, a user's restriction).</summary>
    private (MdxContext Context, IReadOnlyList<MdxMember[]> Slicer, Condition? Filter, CellReader Reader, Evaluator Evaluator) Prepare()
    {
        var bootstrap = new Evaluator(_catalog, new CellReader(null), _binder) { Query = _query };
        DefineWithItems(bootstrap);
        var baseContext = new MdxContext([.. _catalog.Hierarchies.Select(h => h.DefaultMember ?? h.AllMember!)]);
        new CalculatedMeasures(_catalog, bootstrap, baseContext).Compile(_query.Options.CompileCalculatedMeasures);
        BindQuery();
        var (slicerTuple, slicerSet) = EvaluateSlicer(bootstrap, baseContext);
        var slicer = slicerSet is null ? null : SlicerCondition(slicerSet);
        // The user's restriction filters the facts like the slicer, and is part of the cache key: one user's cells
        // never answer another's query.
        var filter = _catalog.Access.Restriction is not { } restriction ? slicer : slicer is null ? restriction : restriction & slicer;
        _query.SetFilter(slicerSet);
        var aggregator = new Aggregator(_cube, new AggregationScope(_catalog.Snapshot, _catalog.Scenario, filter, Visible: _catalog.Visible))
        {
            Cancellation = _query.Cancellation,
        };
        var reader = new CellReader(aggregator, _query);
        _query.Lap(QueryPhase.Bind);
        var evaluator = new Evaluator(_catalog, reader, _binder) { Query = _query };
        // The slicer axis: one position per tuple; one empty position without a WHERE clause.
        IReadOnlyList<MdxMember[]> slicerAxis = slicerSet?.Tuples ?? [slicerTuple];
        return (baseContext.With(slicerTuple), slicerAxis, filter, reader, evaluator);
    }

    /// <summary>
    /// Evaluates the axes. An axis that read no cell in the previous round (a list of members, not
    /// a TopCount or a Filter on values) is the same set again and is kept: a million-member axis is
    /// not rebuilt because its cells were loaded.
    /// </summary>
    private List<MdxSet> EvaluateAxes(Evaluator evaluator, MdxContext context, List<MdxSet>? previous, bool[] readCells)
    {
        var axes = new List<MdxSet>();
        foreach (var (axis, i) in _select.Axes.OrderBy(a => a.Ordinal).Select((a, i) => (a, i)))
        {
            _query.Check();
            if (previous is not null && !readCells[i])
            {
                axes.Add(previous[i]);
                continue;
            }
            var reads = evaluator.Reader.Reads;
            axes.Add(evaluator.AsSet(evaluator.Evaluate(axis.Set, context), axis.Set));
            readCells[i] = evaluator.Reader.Reads != reads;
        }
        _query.Lap(QueryPhase.Axes);
        return axes;
    }

    /// <summary>Axes are numbered 0, 1, 2… without gaps (ROWS needs COLUMNS), as in SSAS and Mondrian: a gap is reported at the first axis after it.</summary>
    private void CheckAxisNumbers()
    {
        var numbers = _select.Axes.Select(a => a.Ordinal).ToHashSet();
        var missing = Enumerable.Range(0, numbers.Count + 1).First(n => !numbers.Contains(n));
        if (_select.Axes.Where(a => a.Ordinal > missing).MinBy(a => a.Ordinal) is { } after)
        {
            throw new MdxEvaluationException(Diagnostic(_source, after, MdxErrorCodes.AxisGap,
                $"Axis {after.AxisName} is used without axis {AxisSpecification.NameOf(missing)}: axes are numbered from 0 without gaps."));
        }
    }

    /// <summary>
    /// A hierarchy on two axes has no meaning (which member would a cell take?): refused, naming it, at
    /// the later axis, as in SSAS and Mondrian. A hierarchy on an axis and in the slicer is accepted
    /// (Mondrian refuses it): the axis member replaces the slicer's, as the web app's filters expect.
    /// </summary>
    private void CheckHierarchiesOnOneAxis(List<MdxSet> axes)
    {
        var specs = _select.Axes.OrderBy(a => a.Ordinal).ToList();
        var seen = new Dictionary<MdxHierarchy, int>();
        for (var a = 0; a < axes.Count; a++)
        {
            if (axes[a].Count == 0) continue;
            foreach (var member in axes[a].Tuples[0])
            {
                if (seen.TryAdd(member.Hierarchy, a)) continue;
                throw new MdxEvaluationException(Diagnostic(_source, specs[a].Set, MdxErrorCodes.HierarchyOnTwoAxes,
                    $"Hierarchy {member.Hierarchy.UniqueName} is on axis {specs[seen[member.Hierarchy]].AxisName} and on axis {specs[a].AxisName}; a hierarchy can be on one axis only."));
            }
        }
    }

    /// <summary>
    /// Binds the query in one walk, once its calculated members are defined: named sets, the query's own
    /// formulas and their properties, the slicer and the axes. A name the cube does not have, an unknown function,
    /// a wrong number or type of arguments fails here, before a cell is read. The cube's calculated members are
    /// bound when a query first uses them (a cube member the query never reads costs nothing).
    /// </summary>
    private void BindQuery()
    {
        _binder.BindNamedSets();
        foreach (var member in _select.WithItems.OfType<WithMember>())
        {
            _binder.Bind(member.Expression);
            foreach (var property in member.Properties) _binder.Bind(property.Value);
        }
        if (_select.Where is { } slicer) _binder.Bind(slicer);
        foreach (var axis in _select.Axes) _binder.Bind(axis.Set);
    }

    /// <summary>The cube's calculated members, as WITH MEMBER items placed before the query's own.</summary>
    private IEnumerable<WithItem> CubeMembers()
    {
        foreach (var definition in _cube.CalculatedMembers)
        {
            var name = (IdentifierNode)MdxParser.ParseExpression(definition.UniqueName).Expression;
            var formula = MdxParser.ParseExpression(definition.Formula).Expression;
            var properties = new List<MemberProperty> { new(default, "SOLVE_ORDER", new NumberLiteral(default, "", definition.SolveOrder)) };
            if (definition.FormatString is { } format) properties.Add(new MemberProperty(default, "FORMAT_STRING", new StringLiteral(default, format)));
            if (!definition.Visible) properties.Add(new MemberProperty(default, "VISIBLE", new NumberLiteral(default, "0", 0)));
            yield return new WithMember(default, name, formula, false, properties);
        }
    }

    private void DefineWithItems(Evaluator evaluator)
    {
        var defaults = new MdxContext([.. _catalog.Hierarchies.Select(h => h.DefaultMember ?? h.AllMember!)]);
        foreach (var item in CubeMembers().Concat(_select.WithItems))
        {
            var segments = item.Name.Segments;
            if (item is WithSet set)
            {
                _binder.DeclareSet(segments[^1].Name, set.Expression);
                continue;
            }
            var member = (WithMember)item;
            var scope = segments.Count == 1 ? _catalog.Measures
                : evaluator.Evaluate(new IdentifierNode(item.Name.Span, [.. segments.Take(segments.Count - 1)]), defaults);
            var (hierarchy, parent) = scope switch
            {
                MdxHierarchy h => (h, h.AllMember),
                MdxMember m => (m.Hierarchy, m),
                _ => throw evaluator.Error(item.Name, MdxErrorCodes.BadCalculatedMemberName, $"A calculated member belongs to a hierarchy or under a member; '{_source[item.Name.Span]}' names neither."),
            };
            var solveOrder = member.FindProperty("SOLVE_ORDER") is { } so ? (int)evaluator.AsNumber(evaluator.EvaluateScalar(so.Value, defaults), so.Value) : 0;
            var visible = member.FindProperty("VISIBLE") is not { } v || Evaluator.AsBoolean(evaluator.EvaluateScalar(v.Value, defaults));
            // FORMAT is Mondrian's and SSAS's short name for FORMAT_STRING.
            var format = (member.FindProperty("FORMAT_STRING") ?? member.FindProperty("FORMAT"))?.Value;
            var calculated = new CalculatedMember(segments[^1].Name, member.Expression, solveOrder, format, visible) { NamedUnderAll = scope is MdxMember { IsAll: true } };
            // A query's member replaces the cube's of the same name, formula and format alike.
            hierarchy.CalculatedMembers.RemoveAll(c => ReferenceEquals(c.Parent, parent) && string.Equals(c.Name, calculated.Name, StringComparison.OrdinalIgnoreCase));
            hierarchy.CalculatedMembers.Add(MdxMember.OfCalculated(hierarchy, calculated, parent));
        }
        // Once every member is defined, so that a formula may name one defined after it.
        foreach (var hierarchy in _catalog.Hierarchies)
        {
            foreach (var member in hierarchy.CalculatedMembers)
            {
                if (member.Calculated!.FormatString is null) member.Calculated.FormatSource = FirstMeasure(evaluator, member, defaults);
            }
        }
    }

    /// <summary>The first measure other than itself that <paramref name="member"/>'s formula names, if any (a name that does not resolve is reported when the formula is evaluated).</summary>
    private static MdxMember? FirstMeasure(Evaluator evaluator, MdxMember member, MdxContext defaults)
    {
        foreach (var id in member.Calculated!.Formula.Identifiers())
        {
            // [Measures].[X], or [Measures].[X].Value and the like: the measure is the first two segments.
            if (id.Segments.Count < 2 || !string.Equals(id.Segments[0].Name, "Measures", StringComparison.OrdinalIgnoreCase)) continue;
            try
            {
                if (evaluator.Evaluate(new IdentifierNode(id.Span, [.. id.Segments.Take(2)]), defaults) is MdxMember { Hierarchy.IsMeasures: true } measure && measure != member) return measure;
            }
            catch (MdxEvaluationException)
            {
                // not a measure: the evaluation of the formula says so
            }
        }
        return null;
    }

    /// <summary>
    /// The slicer as context members (one tuple) or, for a set of any other size, as a filter on the facts:
    /// several tuples are aggregated, none (an empty set, a null member) leaves every stored cell empty.
    /// </summary>
    private (MdxMember[] Tuple, MdxSet? Set) EvaluateSlicer(Evaluator evaluator, MdxContext context)
    {
        if (_select.Where is null) return ([], null);
        var slicer = evaluator.AsSet(evaluator.Evaluate(_select.Where, context), _select.Where);
        return slicer.Count == 1 ? (slicer.Tuples[0], null) : ([], slicer);
    }

    /// <summary>The slicer set as a condition on levels, checked to hold only members of levels (or All members).</summary>
    private Condition? SlicerCondition(MdxSet set)
    {
        foreach (var member in set.Tuples.SelectMany(t => t))
        {
            if (member.Kind != MemberKind.Regular && !member.IsAll)
            {
                throw new MdxEvaluationException(Diagnostic(_source, _select.Where, MdxErrorCodes.SlicerNotOfLevels, $"A slicer set can hold only members of levels; {member.UniqueName} is not one."));
            }
            if (member.Kind == MemberKind.Regular && member.Hierarchy.Index!.IsParameter)
            {
                throw new MdxEvaluationException(Diagnostic(_source, _select.Where, MdxErrorCodes.SlicerOnParameter, $"A slicer set cannot hold members of the parameter hierarchy {member.Hierarchy.UniqueName} (no fact refers to them); put them on an axis, or slice on one."));
            }
        }
        return MemberConditions.OfSet(set.Tuples);
    }

    private List<(object? Value, string Formatted, string? Format)> EvaluateCells(Evaluator evaluator, MdxContext context, List<MdxSet> axes, bool slicerEmpty)
    {
        var direct = new DirectCells(evaluator, context, slicerEmpty);
        var nonEmpty = _select.Axes.OrderBy(a => a.Ordinal).Select(a => a.NonEmpty).ToArray();
        for (var a = 0; a < axes.Count; a++)
        {
            if (!nonEmpty[a]) continue;
            var others = axes.Where((_, i) => i != a).ToList();
            axes[a] = new MdxSet([.. _query.Batches(axes[a].Tuples, 256).Where(t => Combinations(others).Any(o => direct.Value(t, o) is not null))]);
        }
        var cells = new List<(object?, string, string?)>();
        foreach (var coordinates in _query.Batches(Combinations(axes)))
        {
            var (value, format) = direct.Cell(coordinates);
            cells.Add((value, FormatString.Format(value, format, _captions.Culture), format));
        }
        return cells;
    }

    /// <summary>Every combination of one tuple per axis, the first axis varying fastest (cell ordinal order).</summary>
    private static IEnumerable<MdxMember[]> Combinations(List<MdxSet> axes)
    {
        if (axes.Count == 0)
        {
            yield return [];
            yield break;
        }
        var sizes = axes.Select(a => a.Count).ToArray();
        if (sizes.Any(s => s == 0)) yield break;
        var index = new int[axes.Count];
        while (true)
        {
            yield return [.. axes.SelectMany((a, i) => a.Tuples[index[i]])];
            var k = 0;
            while (k < index.Length && ++index[k] == sizes[k]) index[k++] = 0;
            if (k == index.Length) yield break;
        }
    }

    private CellSet Build(List<MdxSet> axes, IReadOnlyList<MdxMember[]> slicer, List<(object? Value, string Formatted, string? Format)> cells, Evaluator evaluator)
    {
        var specs = _select.Axes.OrderBy(a => a.Ordinal).ToList();
        var counts = _query.Options.MemberChildCounts;
        Member Public(MdxMember member, int axis) => _captions.OfMember(DimensionProperties.Of(member, specs[axis].DimensionProperties, evaluator, counts));
        var axisList = axes.Select((set, i) => new CellSetAxis(i, AxisSpecification.NameOf(i),
            [.. set.Tuples.Select((t, p) => new Position(p, [.. t.Select(m => Public(m, i))]))])).ToList();
        var slicerAxis = new CellSetAxis(-1, "SLICER", [.. slicer.Select((t, p) => new Position(p, [.. t.Select(m => _captions.OfMember(m.ToPublic(counts)))]))]);
        // An array cell gets its own copy: the aggregate it came from is cached and shared.
        return new CellSet(axisList, slicerAxis, [.. cells.Select((c, i) => new Cell(i, c.Value is double[] array ? array.Clone() : c.Value, c.Formatted) { FormatString = c.Format })])
        {
            Cube = _cube.Name,
            CellProperties = [.. _select.CellProperties.Select(p => p.Segments[^1].Name)],
        };
    }

    private static MdxDiagnostic Diagnostic(SourceText source, MdxNode? at, string code, string message)
    {
        var offset = at?.Span.Start ?? 0;
        var (line, column) = source.GetLineColumn(offset);
        return new MdxDiagnostic(code, message, line, column, offset, at?.Span.Length ?? 0);
    }
}

/// <summary>A condition that is always (or never) true.</summary>
internal sealed class ConstantRowCondition(bool value) : RowCondition
{
    public override void Eval(in ChunkView view, Span<bool> result) => result[..view.Count].Fill(value);
}
