namespace Cuboid;

/// <summary>Functions for row-level expressions and measures.</summary>
public static class Fn
{
    /// <summary>On rows: <paramref name="then"/> where <paramref name="condition"/> holds, else <paramref name="otherwise"/> (null when absent). A CASE expression.</summary>
    public static ColumnExpression Where(Condition condition, ColumnExpression then, ColumnExpression? otherwise = null) =>
        new WhereExpression(condition, then, otherwise);

    /// <summary>On rows, with constants: <c>Fn.Where(sales["promo"] == 0, 0, sales["amount"])</c>.</summary>
    public static ColumnExpression Where(Condition condition, double then, ColumnExpression otherwise) =>
        new WhereExpression(condition, new ConstantExpression(then), otherwise);

    /// <summary>On rows, with constants.</summary>
    public static ColumnExpression Where(Condition condition, ColumnExpression then, double otherwise) =>
        new WhereExpression(condition, then, new ConstantExpression(otherwise));

    /// <summary>On measures: <paramref name="then"/> where <paramref name="condition"/> (on measures) holds, else <paramref name="otherwise"/>; empty where neither applies.</summary>
    public static Measure Where(Condition condition, Measure then, Measure? otherwise = null) =>
        new(new WhereMeasure(condition, then.AsOperand, otherwise?.AsOperand));

    /// <summary>
    /// On measures, several cases: the value of the first case whose condition holds, else
    /// <paramref name="otherwise"/> (empty when absent): <c>Fn.Where([(m["Qty"] > 100, big), (m["Qty"] > 10, mid)], small)</c>.
    /// </summary>
    public static Measure Where(IReadOnlyList<(Condition Condition, Measure Then)> cases, Measure? otherwise = null)
    {
        if (cases.Count == 0) throw new ArgumentException("Where needs at least one case.", nameof(cases));
        var result = otherwise;
        for (var i = cases.Count - 1; i >= 0; i--)
        {
            result = Where(cases[i].Condition, cases[i].Then, result);
        }
        return result!;
    }

    /// <summary>
    /// On measures: the value of the case whose key equals <paramref name="on"/>, else <paramref name="otherwise"/>
    /// (empty when absent): <c>Fn.Switch(m["Rating"], new() { [1] = low, [2] = high })</c>.
    /// </summary>
    public static Measure Switch(Measure on, IReadOnlyDictionary<double, Measure> cases, Measure? otherwise = null) =>
        Where(cases.Select(c => (on == c.Key, c.Value)).ToList(), otherwise);

    /// <summary>The measure at the top (All member) of <paramref name="hierarchies"/>, the other coordinates kept: <c>m["Revenue"] / Fn.Total(m["Revenue"], h["Country"])</c>.</summary>
    public static Measure Total(Measure measure, params Hierarchy[] hierarchies) => new(new TotalMeasure(measure.AsOperand, hierarchies));

    /// <summary>The measure at the member's ancestor <paramref name="degrees"/> levels up on <paramref name="hierarchy"/>.</summary>
    /// <remarks>
    /// Cells with no ancestor that far up (the All member) show <paramref name="totalValue"/>, as Atoti's
    /// <c>total_value</c>; empty without it. As Atoti, the query's filters on <paramref name="hierarchy"/>
    /// do not apply to the parent's value unless <paramref name="applyFilters"/>: a country's share of its
    /// region is of the whole region even when the query keeps one country. With <paramref name="dense"/>, the
    /// parent's value shows on every member of the cell's level, those without facts too.
    /// </remarks>
    public static Measure ParentValue(Measure measure, Hierarchy hierarchy, int degrees = 1, Measure? totalValue = null, bool applyFilters = false, bool dense = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degrees, 1);
        return new(new ParentValueMeasure(measure.AsOperand, hierarchy, degrees, totalValue?.AsOperand, applyFilters) { Dense = dense });
    }

    /// <summary>The measure at the member <paramref name="offset"/> places later on <paramref name="on"/> (earlier when negative); empty past the ends.</summary>
    /// <remarks>With <paramref name="partitioning"/> (a level above <paramref name="on"/>), the shift stays under the cell's member of that level: empty past it.</remarks>
    public static Measure Shift(Measure measure, Level on, int offset = 1, Level? partitioning = null)
    {
        CheckPartitioning(on, partitioning);
        return new(new ShiftMeasure(measure.AsOperand, on, offset, partitioning));
    }

    /// <summary>The measure at the first member along <paramref name="on"/> (in level order) that has a value, within the cell's siblings, or its <paramref name="partitioning"/> member.</summary>
    public static Measure First(Measure measure, Level on, Level? partitioning = null)
    {
        CheckPartitioning(on, partitioning);
        return new(new EdgeMeasure(measure.AsOperand, on, partitioning, last: false));
    }

    /// <summary>The measure at the last member along <paramref name="on"/> that has a value (closing balances: <c>Fn.Last(m["Stock"], l["Day"])</c>).</summary>
    public static Measure Last(Measure measure, Level on, Level? partitioning = null)
    {
        CheckPartitioning(on, partitioning);
        return new(new EdgeMeasure(measure.AsOperand, on, partitioning, last: true));
    }

    private static void CheckPartitioning(Level on, Level? partitioning)
    {
        if (partitioning is not null && (partitioning.Hierarchy != on.Hierarchy || partitioning.Depth >= on.Depth))
        {
            throw new ArgumentException($"The partitioning level {partitioning.UniqueName} must be above {on.UniqueName} in the same hierarchy.", nameof(partitioning));
        }
    }

    /// <summary>
    /// The measure computed on the facts where <paramref name="condition"/> (on levels) holds, as Atoti's
    /// <c>filter</c>: <c>Fn.Filter(m["Quantity"], l["City"] == "London")</c> is London's quantity at the
    /// top, on each date, and empty on Paris's rows.
    /// </summary>
    public static Measure Filter(Measure measure, Condition condition)
    {
        var offending = condition.Subjects().FirstOrDefault(s => s is not Level);
        if (offending is not null) throw new ArgumentException($"Fn.Filter takes conditions on levels; '{offending}' is not a level.", nameof(condition));
        return new(new FilterMeasure(measure.AsOperand, condition));
    }

    /// <summary>
    /// <see cref="At(Measure, Level, object)"/> written as conditions: <c>Fn.At(m["X"], l["Branch"] == "Base")</c>,
    /// or several joined with <c>&amp;</c> (each level moved to its member).
    /// </summary>
    public static Measure At(Measure measure, Condition coordinates) => coordinates switch
    {
        ComparisonCondition { Subject: Level level, Operator: ComparisonOperator.Equal, Value: { } value } => At(measure, level, value),
        AndCondition and => and.Operands.Aggregate(measure, At),
        _ => throw new ArgumentException($"Fn.At takes conditions of the form level == value (joined with &); '{coordinates}' is not one.", nameof(coordinates)),
    };

    /// <summary>
    /// The measure at the member <paramref name="value"/> of <paramref name="level"/>, the cell's other
    /// coordinates kept, as Atoti's <c>at</c>: <c>Fn.At(m["Price"], l["Currency"], "EUR")</c> on every
    /// currency's row. Under a parent, the member is the one with the cell's ancestors (empty if there is none).
    /// <paramref name="value"/> may be another level: the member of <paramref name="level"/> with the value of the
    /// cell's member of that level (<c>Fn.At(m["Rate"], l["Currency"], l["Target currency"])</c>); where that
    /// level is not on the cell, the measure is read at the cell itself, as Atoti.
    /// </summary>
    public static Measure At(Measure measure, Level level, object value) => value is Level other
        ? new(new AtLevelMeasure(measure.AsOperand, level, other))
        : AtMember(measure, level, value);

    /// <summary>
    /// A get-by-key on a table, as Atoti's <c>lookup</c>: the value of <paramref name="column"/> in the
    /// row whose keys equal, for each key column of its table, the cell's member of the level mapped to
    /// it (or a constant). Empty where a mapped level is not on the cell, or no row has those keys.
    /// <c>Fn.Lookup(budget["Budget"], (budget["Position"], l["Position"]))</c>.
    /// </summary>
    public static Measure Lookup(Column column, params (Column Key, object LevelOrValue)[] mapping)
    {
        var keys = column.Table.Keys;
        if (keys.Count == 0) throw new ArgumentException($"Table '{column.Table.Name}' has no keys: a lookup reads a row by its keys.", nameof(column));
        foreach (var (key, _) in mapping)
        {
            if (key.Table != column.Table || !keys.Contains(key.Name)) throw new ArgumentException($"'{key.Name}' is not a key of table '{column.Table.Name}' (its keys: {string.Join(", ", keys)}).", nameof(mapping));
        }
        var missing = keys.Where(k => mapping.All(m => m.Key.Name != k)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"A lookup on table '{column.Table.Name}' must map every key; missing: {string.Join(", ", missing)}.", nameof(mapping));
        return new(new LookupMeasure(column, [.. mapping]));
    }

    /// <summary>
    /// The parts joined into a string per cell, with <paramref name="separator"/> between them, as
    /// Atoti's <c>string.concat</c>: each part a measure (numbers in invariant culture, members and
    /// strings as they are) or a constant string. Empty where a measure part is empty.
    /// </summary>
    public static Measure Concat(string separator, params object[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("Concat needs at least one part.", nameof(parts));
        var bad = parts.FirstOrDefault(p => p is not (Measure or string));
        if (bad is not null) throw new ArgumentException($"Concat joins measures and strings; {bad} is a {bad.GetType().Name}.", nameof(parts));
        return new(new ConcatMeasure(separator, [.. parts.Select(p => p is Measure m ? m.AsOperand : p)]));
    }

    /// <summary>The value of the cell's member of <paramref name="level"/> (a parameter's value, a year…); empty where the level is not on the cell.</summary>
    public static Measure MemberValue(Level level) => new(new MemberValueMeasure(level));

    private static Measure AtMember(Measure measure, Level level, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(new AtMeasure(measure.AsOperand, level, value));
    }

    /// <summary>
    /// The measure at the cell's date on <paramref name="level"/> moved by <paramref name="offset"/>, an ISO-8601
    /// period (<c>"-P1M"</c>: a month before; <c>"P1Y"</c>; <c>"-P7D"</c>), as Atoti's <c>date_shift</c>; where no
    /// member has that date, <paramref name="fallback"/> decides. Dates are looked up among the cell's siblings.
    /// </summary>
    public static Measure DateShift(Measure measure, Level level, string offset, DateShiftFallback fallback = DateShiftFallback.None)
        => new(new DateShiftMeasure(measure.AsOperand, level.RequireDates("Fn.DateShift"), DatePeriod.Parse(offset), fallback));

    /// <summary>Whole <paramref name="unit"/>s from the cell's member of the date level <paramref name="from"/> to <paramref name="to"/> (days to a deadline); empty where the level is not on the cell.</summary>
    public static Measure DateDiff(Level from, DateTime to, DateUnit unit = DateUnit.Days) => new(new DateDiffMeasure(from.RequireDates("Fn.DateDiff"), to, unit));

    /// <summary>Whole <paramref name="unit"/>s from <paramref name="from"/> to the cell's member of the date level <paramref name="to"/> (age since a start).</summary>
    public static Measure DateDiff(DateTime from, Level to, DateUnit unit = DateUnit.Days) => new(new DateDiffMeasure(from, to.RequireDates("Fn.DateDiff"), unit));

    /// <summary>Whole <paramref name="unit"/>s between the cell's members of two date levels (trade date to maturity).</summary>
    public static Measure DateDiff(Level from, Level to, DateUnit unit = DateUnit.Days) => new(new DateDiffMeasure(from.RequireDates("Fn.DateDiff"), to.RequireDates("Fn.DateDiff"), unit));

    /// <summary>
    /// The rank (1 = first) of the cell's member among its siblings on <paramref name="hierarchy"/> (same parent,
    /// same other coordinates) by the measure's value, smallest first when <paramref name="ascending"/>, as Atoti;
    /// equal values rank in level order; empty where the measure is. With <paramref name="applyFilters"/> false,
    /// the query's filters on <paramref name="hierarchy"/> are ignored: a member keeps its rank among all its siblings.
    /// </summary>
    public static Measure Rank(Measure measure, Hierarchy hierarchy, bool ascending = true, bool applyFilters = true) =>
        new(new RankMeasure(measure.AsOperand, hierarchy, ascending, applyFilters));

    /// <summary>The absolute value of the measure, cell by cell.</summary>
    public static Measure Abs(Measure m) => MathMeasure.Of(MathFunction.Abs, m);
    /// <summary>The square root of the measure, cell by cell.</summary>
    public static Measure Sqrt(Measure m) => MathMeasure.Of(MathFunction.Sqrt, m);
    /// <summary>e raised to the value of the measure, cell by cell.</summary>
    public static Measure Exp(Measure m) => MathMeasure.Of(MathFunction.Exp, m);
    /// <summary>The natural logarithm of the measure, cell by cell.</summary>
    public static Measure Log(Measure m) => MathMeasure.Of(MathFunction.Log, m);
    /// <summary>The base-10 logarithm of the measure, cell by cell.</summary>
    public static Measure Log10(Measure m) => MathMeasure.Of(MathFunction.Log10, m);
    /// <summary>The smallest integer at least the value of the measure, cell by cell.</summary>
    public static Measure Ceil(Measure m) => MathMeasure.Of(MathFunction.Ceil, m);
    /// <summary>The largest integer at most the value of the measure, cell by cell.</summary>
    public static Measure Floor(Measure m) => MathMeasure.Of(MathFunction.Floor, m);
    /// <summary>The sine (radians) of the measure, cell by cell.</summary>
    public static Measure Sin(Measure m) => MathMeasure.Of(MathFunction.Sin, m);
    /// <summary>The cosine (radians) of the measure, cell by cell.</summary>
    public static Measure Cos(Measure m) => MathMeasure.Of(MathFunction.Cos, m);
    /// <summary>The tangent (radians) of the measure, cell by cell.</summary>
    public static Measure Tan(Measure m) => MathMeasure.Of(MathFunction.Tan, m);
    /// <summary>The error function of the measure, cell by cell.</summary>
    public static Measure Erf(Measure m) => MathMeasure.Of(MathFunction.Erf, m);
    /// <summary>The complementary error function of the measure, cell by cell.</summary>
    public static Measure Erfc(Measure m) => MathMeasure.Of(MathFunction.Erfc, m);
    /// <summary><paramref name="x"/> raised to <paramref name="y"/>, cell by cell.</summary>
    public static Measure Pow(Measure x, Measure y) => MathMeasure.Of(MathFunction.Pow, x, y);
    /// <summary>The measure rounded to <paramref name="digits"/> decimals, cell by cell.</summary>
    public static Measure Round(Measure m, int digits = 0) => new(new MathMeasure(MathFunction.Round, [m.AsOperand], digits));
    /// <summary>The least of the measures, cell by cell.</summary>
    public static Measure Min(params Measure[] measures) => MathMeasure.Of(MathFunction.Min, measures);
    /// <summary>The greatest of the measures, cell by cell.</summary>
    public static Measure Max(params Measure[] measures) => MathMeasure.Of(MathFunction.Max, measures);

    /// <summary>A constant row-level value.</summary>
    public static ColumnExpression Constant(double value) => new ConstantExpression(value);

    /// <summary>
    /// <paramref name="function"/> (a plug-in's <see cref="IMeasureFunction"/>, or one of <see cref="Session.Functions"/>) applied
    /// cell by cell to <paramref name="arguments"/>: <c>Fn.Call(session.Functions.MeasureFunction("Clamp"), m, 0, 100)</c>.
    /// </summary>
    public static Measure Call(IMeasureFunction function, params Measure[] arguments)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(new FunctionMeasure(function, [.. arguments.Select(a => a.AsOperand)]));
    }
}
