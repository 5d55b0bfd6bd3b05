using System.Globalization;

namespace Cuboid.DirectQuery.Dialects;

/// <summary>
/// What differs between databases in the SQL Cuboid sends: quoting, how values are bound, date
/// parts, the catalog query and its type names, and how joins nest. One SQL builder
/// (<see cref="Sql.SqlAggregates"/>) writes every statement through a dialect.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>"PostgreSQL", "DuckDB", "ClickHouse".</summary>
    public abstract string Name { get; }

    public virtual string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string QualifiedName(string schema, string name) => schema.Length == 0 ? Quote(name) : Quote(schema) + "." + Quote(name);

    /// <summary>Binds a value: adds it to <paramref name="parameters"/> and returns its placeholder ($1, $2…).</summary>
    public virtual string Bind(object? value, List<object?> parameters)
    {
        parameters.Add(value switch { float f => (double)f, _ => value });
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A part of a date as an integer: y year, Q quarter, M month, w ISO week, d day of month.</summary>
    public virtual string DatePart(string expression, char part) =>
        $"CAST(EXTRACT({part switch { 'y' => "YEAR", 'Q' => "QUARTER", 'M' => "MONTH", 'w' => "WEEK", _ => "DAY" }} FROM {expression}) AS INTEGER)";

    public virtual string AsDouble(string expression) => $"CAST({expression} AS DOUBLE PRECISION)";

    /// <summary>The false boolean.</summary>
    public virtual string False => "FALSE";

    /// <summary>A page of rows: " LIMIT n OFFSET m" (nothing when unbounded).</summary>
    public virtual string Limit(int offset, int maxRows) =>
        (maxRows == int.MaxValue ? "" : $" LIMIT {maxRows.ToString(CultureInfo.InvariantCulture)}") + (offset == 0 ? "" : $" OFFSET {offset.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Whether GROUP BY GROUPING SETS and GROUPING() exist (ClickHouse before 22.5 has neither).</summary>
    public virtual bool GroupingSets => true;

    /// <summary>A literal naming the grouping a row of a UNION ALL belongs to.</summary>
    public virtual string Tag(int grouping) => grouping.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a SELECT may hold one JOIN only (ClickHouse before 19.4): joins nest as subqueries.</summary>
    public virtual bool OneJoinPerSelect => false;

    /// <summary>Every column of every table: schema, table, column, type name, in column order within a table.</summary>
    public virtual string CatalogSql =>
        "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns " +
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY table_schema, table_name, ordinal_position";

    /// <summary>The Cuboid type of a catalog type name; null when Cuboid has none (the column is left out).</summary>
    public virtual DataType? DataTypeOf(string sqlType)
    {
        var type = sqlType.ToUpperInvariant();
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0) type = type[..paren].Trim();
        return type switch
        {
            "SMALLINT" or "INTEGER" or "INT" or "INT4" or "INT2" or "TINYINT" or "UTINYINT" or "USMALLINT" => DataType.Int,
            "BIGINT" or "INT8" or "UINTEGER" => DataType.Long,
            "REAL" or "FLOAT" or "FLOAT4" => DataType.Float,
            "DOUBLE PRECISION" or "DOUBLE" or "FLOAT8" or "NUMERIC" or "DECIMAL" or "HUGEINT" or "UBIGINT" => DataType.Double,
            "TEXT" or "VARCHAR" or "CHARACTER VARYING" or "CHARACTER" or "CHAR" or "BPCHAR" or "UUID" or "NAME" => DataType.String,
            "BOOLEAN" or "BOOL" => DataType.Boolean,
            "DATE" => DataType.LocalDate,
            "TIMESTAMP" or "TIMESTAMP WITHOUT TIME ZONE" or "DATETIME" => DataType.LocalDateTime,
            "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ" => DataType.ZonedDateTime,
            "TIME" or "TIME WITHOUT TIME ZONE" => DataType.LocalTime,
            _ => null,
        };
    }
}

internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string Name => "PostgreSQL";
}

internal sealed class DuckDbDialect : SqlDialect
{
    public static readonly DuckDbDialect Instance = new();

    public override string Name => "DuckDB";
}

/// <summary>
/// ClickHouse 18.16 onwards: no server-side parameters before 19.11, so values are written as
/// literals by one strict escaper per type (strings: backslash escapes, control bytes as \xHH);
/// one JOIN per SELECT before 19.4; no information_schema (system.columns).
/// </summary>
internal sealed class ClickHouseDialect : SqlDialect
{
    public static readonly ClickHouseDialect Instance = new();

    public override string Name => "ClickHouse";

    public override string Quote(string identifier) => "`" + identifier.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "`";

    public override string Bind(object? value, List<object?> parameters) => Literal(value);

    public static string Literal(object? value)
    {
        var inv = CultureInfo.InvariantCulture;
        return value switch
        {
            null => "NULL",
            string s => StringLiteral(s),
            bool b => b ? "1" : "0",
            int or long or short or byte or sbyte or ushort or uint or ulong => Convert.ToString(value, inv)!,
            double d when double.IsNaN(d) => "nan",
            double d when double.IsInfinity(d) => d > 0 ? "inf" : "-inf",
            double d => d.ToString("R", inv),
            float f => ((double)f).ToString("R", inv),
            decimal m => m.ToString(inv),
            DateOnly date => $"toDate('{date.ToString("yyyy-MM-dd", inv)}')",
            DateTime time => $"toDateTime('{time.ToString("yyyy-MM-dd HH:mm:ss", inv)}')",
            _ => throw new NotSupportedException($"A {value.GetType().Name} value cannot be sent to ClickHouse."),
        };
    }

    private static string StringLiteral(string s)
    {
        var text = new System.Text.StringBuilder(s.Length + 2).Append('\'');
        foreach (var c in s)
        {
            if (c is '\\' or '\'') text.Append('\\').Append(c);
            else if (c < ' ' || c == '\x7f') text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else text.Append(c);
        }
        return text.Append('\'').ToString();
    }

    public override string DatePart(string expression, char part) =>
        $"toInt32({part switch { 'y' => "toYear", 'Q' => "toQuarter", 'M' => "toMonth", 'w' => "toISOWeek", _ => "toDayOfMonth" }}({expression}))";

    public override string AsDouble(string expression) => $"toFloat64({expression})";

    public override string False => "0";

    public override bool OneJoinPerSelect => true;

    public override bool GroupingSets => false;

    public override string Tag(int grouping) => $"toUInt32({grouping.ToString(CultureInfo.InvariantCulture)})";

    public override string Limit(int offset, int maxRows) =>
        maxRows == int.MaxValue && offset == 0 ? "" : $" LIMIT {offset.ToString(CultureInfo.InvariantCulture)}, {(maxRows == int.MaxValue ? long.MaxValue : maxRows).ToString(CultureInfo.InvariantCulture)}";

    public override string CatalogSql => "SELECT database, table, name, type FROM system.columns WHERE database = currentDatabase()";

    public override DataType? DataTypeOf(string sqlType) => Sql.ClickHouseTypes.DataTypeOf(sqlType);
}
