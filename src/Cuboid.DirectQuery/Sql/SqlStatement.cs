namespace Cuboid.DirectQuery.Sql;

/// <summary>A statement for one database: its text and the values bound to its placeholders, in order.</summary>
internal sealed record SqlStatement(string Text, IReadOnlyList<object?> Parameters)
{
    public override string ToString() => Text;
}

/// <summary>Builds a statement's text while binding values through the dialect (placeholders, or escaped literals where the database has no parameters).</summary>
internal sealed class SqlWriter(Dialects.SqlDialect dialect)
{
    private readonly List<object?> _parameters = [];

    public Dialects.SqlDialect Dialect => dialect;

    /// <summary>A value as the dialect binds it: "$3", or a literal for ClickHouse 18.</summary>
    public string Bind(object? value) => dialect.Bind(value, _parameters);

    public SqlStatement Statement(string text) => new(text, [.. _parameters]);
}
