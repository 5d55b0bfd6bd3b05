using Cuboid.Model;

namespace Cuboid;

/// <summary>How a level orders its members.</summary>
public abstract record LevelOrder
{
    /// <summary>Ascending by member key (Atoti's natural order).</summary>
    public static readonly LevelOrder Natural = new NaturalOrder(false);

    /// <summary>Descending by member key.</summary>
    public static readonly LevelOrder ReverseNatural = new NaturalOrder(true);

    /// <summary>Ascending by caption text.</summary>
    public static readonly LevelOrder ByCaption = new CaptionOrder();

    /// <summary>The given members first, in that order, then the others in natural order.</summary>
    public static LevelOrder Custom(params object[] firstElements) => new CustomOrder(firstElements);

    internal sealed record NaturalOrder(bool Descending) : LevelOrder;

    internal sealed record CaptionOrder : LevelOrder;

    internal sealed record CustomOrder(IReadOnlyList<object> FirstElements) : LevelOrder;
}

/// <summary>
/// A level of a hierarchy: its members are the distinct values of a column (or a part of a
/// date column) under each member of the level above. Compare a level with values to filter
/// queries: <c>l["Year"] == 2024</c>, <c>l["Country"].IsIn("France", "Spain")</c>.
/// </summary>
public sealed class Level
{
    internal Level(string name, LevelSource source)
    {
        Name = name;
        Source = source;
    }

    /// <summary>The level's name.</summary>
    public string Name { get; internal set; }

    /// <summary>The hierarchy holding the level.</summary>
    public Hierarchy Hierarchy { get; internal set; } = null!;

    /// <summary>0 for the top level.</summary>
    public int Depth => Hierarchy.IndexOf(this);

    /// <summary>The column the members come from.</summary>
    public Column Column => Source.Column;

    /// <summary>The type of the members' keys.</summary>
    public DataType DataType => Source.DataType;

    /// <summary>How members are ordered (natural by default).</summary>
    public LevelOrder Order { get; set; } = LevelOrder.Natural;

    /// <summary>A column of the same table whose value captions each member (e.g. a name for an id level).</summary>
    public Column? CaptionColumn
    {
        get => _captionColumn;
        set
        {
            if (value is not null && value.Table != Column.Table)
            {
                throw new ArgumentException($"The caption of level '{Name}' must come from table '{Column.Table.Name}', not '{value.Table.Name}'.", nameof(value));
            }
            _captionColumn = value;
            Hierarchy?.Cube.OnModelChanged();
        }
    }

    private Column? _captionColumn;

    /// <summary>
    /// Member properties: columns of the level's table read for each member, as MDX's
    /// <c>member.Properties("Gender")</c> returns them (Mondrian's level properties).
    /// </summary>
    public IDictionary<string, Column> Properties { get; } = new Dictionary<string, Column>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Dimension, hierarchy and level names.</summary>
    public (string Dimension, string Hierarchy, string Level) FullName => (Hierarchy.Dimension, Hierarchy.Name, Name);

    /// <summary>The MDX unique name, e.g. <c>[Sales].[Country].[Country]</c>.</summary>
    public string UniqueName => $"[{Hierarchy.Dimension}].[{Hierarchy.Name}].[{Name}]";

    internal LevelSource Source { get; }

    /// <summary>This level when its members are dates; else an error saying <paramref name="usage"/> needs them.</summary>
    internal Level RequireDates(string usage) => DataType is DataType.LocalDate or DataType.LocalDateTime or DataType.ZonedDateTime
        ? this
        : throw new ArgumentException($"{usage} needs a level of dates; {UniqueName} is {DataType}.");

    /// <summary>The condition that the level's member equals <paramref name="value"/>.</summary>
    public static Condition operator ==(Level level, object? value) => new ComparisonCondition(level, ComparisonOperator.Equal, value);
    /// <summary>The condition that the level's member differs from <paramref name="value"/>.</summary>
    public static Condition operator !=(Level level, object? value) => new ComparisonCondition(level, ComparisonOperator.NotEqual, value);
    /// <summary>The condition that the level's member is less than <paramref name="value"/>.</summary>
    public static Condition operator <(Level level, object? value) => new ComparisonCondition(level, ComparisonOperator.Less, value);
    /// <summary>The condition that the level's member is at most <paramref name="value"/>.</summary>
    public static Condition operator <=(Level level, object? value) => new ComparisonCondition(level, ComparisonOperator.LessOrEqual, value);
    /// <summary>The condition that the level's member is greater than <paramref name="value"/>.</summary>
    public static Condition operator >(Level level, object? value) => new ComparisonCondition(level, ComparisonOperator.Greater, value);
    /// <summary>The condition that the level's member is at least <paramref name="value"/>.</summary>
    public static Condition operator >=(Level level, object? value) => new ComparisonCondition(level, ComparisonOperator.GreaterOrEqual, value);

    /// <summary>The member is one of <paramref name="values"/>.</summary>
    public Condition IsIn(params object?[] values) => new IsInCondition(this, values);

    /// <summary>The member is none of <paramref name="values"/>.</summary>
    public Condition IsNotIn(params object?[] values) => new IsInCondition(this, values, negated: true);

    /// <summary>Reference equality: <c>==</c> builds a condition instead.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <inheritdoc/>
    public override string ToString() => UniqueName;
}
