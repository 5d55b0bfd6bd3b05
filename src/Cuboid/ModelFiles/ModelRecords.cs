using System.Text.Json;

namespace Cuboid.ModelFiles;

// The JSON shape of a model file. Everything is nullable: required members are checked by the
// builders, which can then name the JSON path at fault instead of System.Text.Json's type names.

/// <summary>The whole file: tables, the joins between them, cubes over them, and how a team reaches them.</summary>
internal sealed record ModelDocument(
    List<TableModel?>? Tables,
    List<JoinModel?>? Joins,
    List<CubeModel?>? Cubes,
    SecurityModel? Security = null);

/// <summary>
/// A table, read from CSV (<see cref="File"/>, relative to the data folder; a glob works), from
/// Parquet (<see cref="Parquet"/>, likewise), from an Arrow IPC file (<see cref="Arrow"/>), from a
/// SQL query (<see cref="Sql"/>), or created empty.
/// </summary>
internal sealed record TableModel(
    string? Name,
    string? File,
    List<string>? Keys,
    Dictionary<string, string>? Types,
    Dictionary<string, JsonElement>? DefaultValues,
    CsvModel? Csv,
    string? Parquet = null,
    SqlModel? Sql = null,
    string? Arrow = null);

/// <summary>A query, with the connection string and the ADO.NET provider's registered name (the CLI registers "sqlite" and "postgresql").</summary>
internal sealed record SqlModel(string? Query, string? Connection, string? Provider);

/// <summary>The subset of <see cref="CsvOptions"/> a file can set.</summary>
internal sealed record CsvModel(
    string? Separator,
    string? Quote,
    string? Encoding,
    List<string>? DatePatterns,
    string? ArraySeparator,
    List<string>? TrueValues,
    List<string>? FalseValues,
    List<string>? NullValues,
    Dictionary<string, string>? ColumnRenames,
    string? Culture,
    int? InferenceRows,
    string? ErrorHandling);

/// <summary>A join: <see cref="Mapping"/> maps columns of <see cref="From"/> to columns of <see cref="To"/> (default: the target's keys by name).</summary>
internal sealed record JoinModel(
    string? From,
    string? To,
    Dictionary<string, string>? Mapping,
    string? Optionality);

/// <summary>A cube. <see cref="DefaultHierarchies"/> false drops the hierarchies the mode creates.</summary>
internal sealed record CubeModel(
    string? Name,
    string? FactTable,
    string? Mode,
    bool? DefaultHierarchies,
    List<string>? RemoveMeasures,
    List<HierarchyModel?>? Hierarchies,
    List<DateHierarchyModel?>? DateHierarchies,
    List<MeasureModel?>? Measures,
    List<CalculatedMemberModel?>? CalculatedMembers);

internal sealed record HierarchyModel(
    string? Dimension,
    string? Name,
    bool? Slicing,
    string? AllMemberName,
    bool? Visible,
    string? Folder,
    List<LevelModel?>? Levels);

/// <summary>
/// A level. <see cref="Order"/> is "natural", "reverse", "caption" or a JSON array of first members;
/// <see cref="Properties"/> maps member property names to columns of the level's table.
/// </summary>
internal sealed record LevelModel(
    string? Name,
    string? Table,
    string? Column,
    string? CaptionColumn,
    JsonElement? Order,
    Dictionary<string, string>? Properties);

/// <summary>A hierarchy of date parts: <see cref="Parts"/> maps level names to "y", "Q", "M", "w" or "d", top first.</summary>
internal sealed record DateHierarchyModel(
    string? Dimension,
    string? Name,
    string? Table,
    string? Column,
    Dictionary<string, string>? Parts,
    bool? Slicing,
    string? AllMemberName);

/// <summary>
/// A measure: an <see cref="Aggregation"/> of a row-level <see cref="Expression"/>, or a
/// <see cref="Formula"/> on other measures (<c>[Measures].[Store Sales] - [Measures].[Store Cost]</c>).
/// </summary>
internal sealed record MeasureModel(
    string? Name,
    string? Aggregation,
    string? Expression,
    string? Formula,
    string? Formatter,
    string? Folder,
    bool? Visible,
    string? Description);

/// <summary>An MDX calculated member (→ <see cref="CalculatedMemberCollection.Add"/>).</summary>
internal sealed record CalculatedMemberModel(
    string? UniqueName,
    string? Formula,
    string? FormatString,
    int? SolveOrder,
    bool? Visible);
