namespace Cuboid.Cli.Query;

/// <summary>How <c>cuboid query</c> prints each result.</summary>
internal enum QueryFormat
{
    /// <summary>An aligned text table: row members, then one column per column position, formatted values.</summary>
    Table,
    /// <summary>The result table as CSV with raw (unformatted) values.</summary>
    Csv,
    /// <summary>The cell set: axes, positions, members, and cells with raw and formatted values.</summary>
    Json,
    /// <summary>Mondrian's "Axis #0: … Row #0: …" layout.</summary>
    Traditional,
}
