using Cuboid.Storage;

namespace Cuboid.Model;

/// <summary>
/// Where a level's member keys come from: a column's values as they are, or a part of a date
/// column (year, quarter, month, day) for date hierarchies. Keys are 64-bit (see
/// <see cref="KeyEncoding"/>) so members are interned without boxing.
/// </summary>
internal abstract class LevelSource(Column column)
{
    public Column Column { get; } = column;

    public abstract DataType DataType { get; }

    /// <summary>The member key for a stored value's key encoding.</summary>
    public abstract long KeyOf(long encoded);

    /// <summary>The member's value (what results show and filters compare) for a member key.</summary>
    public abstract object? ValueOf(long key);

}

internal sealed class ColumnLevelSource(Column column) : LevelSource(column)
{
    public override DataType DataType => Column.DataType;
    public override long KeyOf(long encoded) => encoded;
    public override object? ValueOf(long key) => KeyEncoding.Decode(Column.Schema, key);
}

/// <summary>A part of a date: the letters are Java's (as Atoti's create_date_hierarchy takes them).</summary>
internal sealed class DatePartLevelSource : LevelSource
{
    private readonly char _part;

    public DatePartLevelSource(Column column, string pattern) : base(column)
    {
        if (column.DataType is not (DataType.LocalDate or DataType.LocalDateTime or DataType.ZonedDateTime))
        {
            throw new ArgumentException($"Column '{column.Name}' is {column.DataType}; a date hierarchy needs a date column.", nameof(column));
        }
        _part = pattern switch
        {
            "y" or "yyyy" or "Y" => 'y',
            "Q" or "QQ" => 'Q',
            "M" or "MM" => 'M',
            "w" or "ww" => 'w',
            "d" or "dd" => 'd',
            _ => throw new ArgumentException($"Unknown date part '{pattern}': use y (year), Q (quarter), M (month), w (week of year) or d (day of month).", nameof(pattern)),
        };
    }

    public override DataType DataType => DataType.Int;

    /// <summary>The part: y, Q, M, w or d.</summary>
    public char Part => _part;

    public override long KeyOf(long encoded)
    {
        if (encoded == KeyEncoding.Null) return KeyEncoding.Null;
        var date = Column.DataType == DataType.LocalDate ? DateOnly.FromDayNumber((int)encoded) : DateOnly.FromDateTime(new DateTime(encoded));
        return _part switch
        {
            'y' => date.Year,
            'Q' => (date.Month - 1) / 3 + 1,
            'M' => date.Month,
            'w' => System.Globalization.ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)),
            _ => date.Day,
        };
    }

    public override object? ValueOf(long key) => key == KeyEncoding.Null ? null : (int)key;
}
