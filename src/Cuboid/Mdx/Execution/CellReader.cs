using Cuboid.Aggregation;
using Cuboid.Measures;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Reads cell values of stored measures, in bulk. Evaluation asks for cells one at a time; a
/// cell not loaded yet is recorded by its shape (which level of which hierarchy each
/// coordinate is at) and answered empty, and the query is evaluated again once every recorded
/// shape has been loaded with one aggregation request per shape for all the measures asked of
/// it — so cells are never computed one by one, and a round costs one scan per new shape.
/// </summary>
internal sealed class CellReader(Aggregator? aggregator, QueryContext? query = null)
{
    private readonly Dictionary<(string Scenario, ShapeKey Key), Shape> _shapes = [];

    /// <summary>What the cells are read from: the query's scope (null for a reader that loads nothing, while a query is bound).</summary>
    public Aggregator? Aggregator => aggregator;

    /// <summary>True when some cell of this round was not loaded yet.</summary>
    public bool Missed { get; private set; }

    public int Rounds { get; private set; }

    /// <summary>
    /// The value (a double; a double[] or a member value for array and member measures) of a measure
    /// at the coordinates: null when empty or not loaded yet, <c>absent</c> when no fact lies under the cell.
    /// </summary>
    private (string Scenario, ShapeKey Key, Measure Measure, Shape Shape, Results.CellValues Values)? _last;

    /// <summary>Whether the last <see cref="Read"/> found its shape's values not loaded yet (they will be, for the next round).</summary>
    public bool LastMissed { get; private set; }

    /// <summary>How many cells were read so far (a set whose evaluation read none does not depend on the cells).</summary>
    public long Reads { get; private set; }

    public object? Read(Measure measure, ReadOnlySpan<MdxMember> coordinates, object? absent = null)
    {
        Reads++;
        Span<int> ordinals = stackalloc int[coordinates.Length];
        var n = 0;
        var shapeKey = default(ShapeKey);
        var scenario = aggregator?.Scenario ?? Session.BaseScenario;
        for (var i = 0; i < coordinates.Length; i++)
        {
            var member = coordinates[i];
            if (member.Kind != MemberKind.Regular) continue;
            if (member.Hierarchy.Model is { } model && model == model.Cube.EpochHierarchy)
            {
                scenario = member.Name;   // a branch: its own data answers, the Epoch level is not grouped by
                continue;
            }
            ordinals[n++] = i;
            shapeKey = shapeKey.With(member.Hierarchy.Ordinal, member.Depth);
        }
        // Cells are mostly read in runs of one shape and measure (an axis's members against a measure): remember the last.
        Shape shape;
        Results.CellValues? values;   // null: not loaded yet
        if (_last is var (lastScenario, lastKey, lastMeasure, lastShape, lastValues) && lastKey.Equals(shapeKey) && ReferenceEquals(lastMeasure, measure) && string.Equals(lastScenario, scenario, StringComparison.Ordinal))
        {
            (shape, values) = (lastShape, lastValues);
        }
        else
        {
            if (!_shapes.TryGetValue((scenario, shapeKey), out shape!))
            {
                var refs = new LevelRef[n];
                for (var i = 0; i < n; i++) refs[i] = new LevelRef(coordinates[ordinals[i]].Hierarchy.Index!, coordinates[ordinals[i]].Depth);
                _shapes[(scenario, shapeKey)] = shape = new Shape(refs, scenario);
            }
            values = shape.Values.TryGetValue(measure, out var loaded) ? loaded : null;
            _last = values is { } known ? (scenario, shapeKey, measure, shape, known) : null;
        }
        LastMissed = values is null;
        if (LastMissed)
        {
            shape.Pending.Add(measure);
            Missed = true;
            return null;
        }
        long cellKey = 0;
        for (var i = 0; i < n; i++) cellKey = cellKey * shape.Radix[i] + coordinates[ordinals[i]].Code;
        if (!shape.Cells.TryGetValue(cellKey, out var cell)) return absent;   // no fact under the cell
        var read = values!.Value;
        return !read.Valid[cell] ? null : read.Objects is { } objects ? objects[cell] : read.Values[cell];
    }

    /// <summary>Loads every shape's pending measures (one aggregation per shape) and starts a new round.</summary>
    public void LoadPending()
    {
        _last = null;   // loading may rebuild a shape's cells
        var loader = aggregator ?? throw new InvalidOperationException("This reader cannot load cells.");
        // Finest shapes first; a shape another pending shape covers (same hierarchies or fewer, each
        // at the same depth or above) is rolled up from it instead of scanned: a pivot with subtotals
        // costs one scan, not one per subtotal level.
        var pending = _shapes.Values.Where(s => s.Pending.Count > 0)
            .OrderByDescending(s => s.Levels.Length).ThenByDescending(s => s.Levels.Sum(l => l.Depth)).ToList();
        foreach (var shape in pending)
        {
            var cover = pending.FirstOrDefault(o => o != shape && Covers(o, shape));
            cover?.Pending.UnionWith(shape.Pending.Concat(shape.Values.Keys));
        }
        // Shapes of the same aggregations that do not roll up: asked together where the source batches them (DirectQuery).
        var batches = loader.Cube.AggregateSource.Batches;
        foreach (var group in pending.Where(_ => batches).Select(s => (Shape: s, Set: MeasureSet.Compile(s.Measures))).GroupBy(s => (s.Shape.Scenario, string.Join(",", s.Set.Leaves.Select(l => l.Key)))))
        {
            if (group.Skip(1).Any()) loader.ForScenario(group.Key.Scenario).Prefetch([.. group.Select(s => s.Shape.Levels)], group.First().Set.Leaves);
        }
        foreach (var shape in pending)
        {
            var finer = _shapes.Values.FirstOrDefault(o => o != shape && o.Result is not null && Covers(o, shape) && shape.Pending.Concat(shape.Values.Keys).All(o.Values.ContainsKey));
            query?.Check();
            shape.Load(loader, finer?.Result, query, Rounds);
        }
        Missed = false;
        Rounds++;
    }

    /// <summary>
    /// Which level of which hierarchy each regular coordinate is at, packed without allocation so
    /// that a cell read builds no string: 16 bits a coordinate (hierarchy, depth), four to a long;
    /// beyond eight coordinates, or for hierarchy ordinals or depths over 255, a text key.
    /// </summary>
    private readonly record struct ShapeKey(long A, long B, int Count, string? Overflow)
    {
        public ShapeKey With(int hierarchy, int depth)
        {
            if (Count >= 8 || hierarchy > 255 || depth > 255 || Overflow is not null)
            {
                return this with { Overflow = $"{Overflow}{A}/{B}/{hierarchy}:{depth};", Count = Count + 1 };
            }
            var part = ((long)hierarchy << 8) | (uint)depth;
            return Count < 4 ? this with { A = (A << 16) | part, Count = Count + 1 } : this with { B = (B << 16) | part, Count = Count + 1 };
        }
    }

    private static bool Covers(Shape finer, Shape coarser) =>
        finer.Scenario == coarser.Scenario && coarser.Levels.All(c => finer.Levels.Any(f => f.Hierarchy == c.Hierarchy && f.Depth >= c.Depth));

    internal sealed class Shape(LevelRef[] levels, string scenario)
    {
        public LevelRef[] Levels { get; } = levels;

        /// <summary>The scenario whose data the shape's cells are.</summary>
        public string Scenario { get; } = scenario;
        public HashSet<Measure> Pending { get; } = [];
        public Dictionary<Measure, Results.CellValues> Values { get; } = [];
        public Dictionary<long, int> Cells { get; } = [];
        public long[] Radix { get; private set; } = [.. levels.Select(_ => 1L)];

        /// <summary>The measures a load computes: those loaded before and the pending ones.</summary>
        public List<Measure> Measures => [.. Values.Keys.Concat(Pending).Distinct()];

        /// <summary>The aggregate result last loaded, for coarser shapes to roll up from.</summary>
        public AggregateResult? Result { get; private set; }

        /// <summary>Loads the shape's measures; <paramref name="query"/> records the request for the plan of round <paramref name="round"/>.</summary>
        public void Load(Aggregator aggregator, AggregateResult? finer, QueryContext? query = null, int round = 0)
        {
            aggregator = aggregator.ForScenario(Scenario);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var measures = Measures;
            var set = MeasureSet.Compile(measures);
            var result = aggregator.Get(Levels, set.Leaves, finer is not null && set.Leaves.All(l => finer.Leaves.Any(f => f.Spec.Equals(l))) ? finer : null);
            if (DenseCells.Of(measures) is { Count: > 0 } dense) result = DenseCells.Complete(result, dense, aggregator.Scope.Conditions);
            Result = result;
            Radix = [.. Levels.Select(l => Math.Max(1L, l.Hierarchy.Members.Count(l.Depth)))];
            Cells.Clear();
            for (var cell = 0; cell < result.CellCount; cell++)
            {
                long key = 0;
                for (var l = 0; l < Levels.Length; l++) key = key * Radix[l] + result.Codes[l][cell];
                Cells[key] = cell;
            }
            Values.Clear();
            for (var i = 0; i < measures.Count; i++) Values[measures[i]] = Results.CellValues.Of(set.Calcs[i], new MeasureInput(result, aggregator));
            Pending.Clear();
            query?.Record(Levels, measures, result, watch.Elapsed, round);
        }
    }
}
