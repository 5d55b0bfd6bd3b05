using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.DirectQuery.Sql;

/// <summary>A level's member key for a value the database returned, as a load would have stored it: NULL (a row a LEFT JOIN did not match, or a null) reads the column's default.</summary>
internal static class LevelKeys
{
    public static long Of(Level level, object? raw)
    {
        if (level.Source is DatePartLevelSource && raw is not null) return SqlValues.ToLong(raw);
        var value = (raw is null ? null : SqlValues.ToColumn(raw, level.Column.DataType)) ?? level.Column.DefaultValue;
        KeyEncoding.TryEncodeValue(level.Column.Schema, value, addToDictionary: true, out var key);
        return level.Source.KeyOf(key);
    }
}
