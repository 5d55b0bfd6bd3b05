using System.Text.Json;

namespace Cuboid.ModelFiles;

/// <summary>Creates a cube's hierarchies from their JSON: column levels, or date parts of one column.</summary>
internal static class HierarchyBuilder
{
    public static void Build(ModelContext context, Cube cube, ColumnResolver columns, HierarchyModel model, string path)
    {
        var name = context.Required(model.Name, path, "name");
        if (model.Levels is not { Count: > 0 }) throw context.Error(path, $"hierarchy '{name}' has no 'levels'.");
        var levels = new List<(string Level, Column Column)>();
        for (var i = 0; i < model.Levels.Count; i++)
        {
            var at = $"{path}.levels[{i}]";
            var level = context.NotNull(model.Levels[i], at);
            var column = columns.Resolve(level.Table, context.Required(level.Column, at, "column"), at);
            levels.Add((level.Name ?? column.Name, column));
        }
        var hierarchy = context.At(path, () => model.Dimension is null
            ? cube.Hierarchies.Set(name, [.. levels])
            : cube.Hierarchies.Set((model.Dimension, name), [.. levels]));
        for (var i = 0; i < model.Levels.Count; i++)
        {
            var at = $"{path}.levels[{i}]";
            var level = model.Levels[i]!;
            var built = hierarchy.Levels[i];
            if (level.CaptionColumn is not null) built.CaptionColumn = context.Column(built.Column.Table, level.CaptionColumn, $"{at}.captionColumn");
            if (level.Order is { } order) built.Order = Order(context, order, built.DataType, $"{at}.order");
            foreach (var (property, column) in level.Properties ?? [])
            {
                built.Properties[property] = context.Column(built.Column.Table, column, $"{at}.properties.{property}");
            }
        }
        Apply(context, hierarchy, model.Slicing, model.AllMemberName, path);
        if (model.Visible is { } visible) hierarchy.Visible = visible;
        if (model.Folder is not null) hierarchy.Folder = model.Folder;
    }

    public static void BuildDate(ModelContext context, Cube cube, ColumnResolver columns, DateHierarchyModel model, string path)
    {
        var name = context.Required(model.Name, path, "name");
        var column = columns.Resolve(model.Table, context.Required(model.Column, path, "column"), path);
        if (column.DataType is not (DataType.LocalDate or DataType.LocalDateTime or DataType.ZonedDateTime))
        {
            throw context.Error($"{path}.column", $"column '{column.Name}' of table '{column.Table.Name}' is a {column.DataType}, not a date.");
        }
        var hierarchy = context.At(path, () => cube.CreateDateHierarchy(name, column, model.Parts, model.Dimension));
        Apply(context, hierarchy, model.Slicing, model.AllMemberName, path);
    }

    private static void Apply(ModelContext context, Hierarchy hierarchy, bool? slicing, string? allMemberName, string path)
    {
        if (slicing is { } s) hierarchy.Slicing = s;
        if (allMemberName is not null) context.At($"{path}.allMemberName", () => hierarchy.AllMemberName = allMemberName);
    }

    /// <summary>"natural", "reverse", "caption", or an array: those members first, the others after in natural order.</summary>
    private static LevelOrder Order(ModelContext context, JsonElement order, DataType type, string path)
    {
        if (order.ValueKind == JsonValueKind.Array)
        {
            var first = order.EnumerateArray().Select((e, i) => JsonValues.ToObject(context, e, type, $"{path}[{i}]")
                ?? throw context.Error($"{path}[{i}]", "a custom order cannot list null.")).ToArray();
            return LevelOrder.Custom(first);
        }
        var text = order.ValueKind == JsonValueKind.String ? order.GetString()! : "";
        return text.ToUpperInvariant() switch
        {
            "NATURAL" => LevelOrder.Natural,
            "REVERSE" or "REVERSENATURAL" => LevelOrder.ReverseNatural,
            "CAPTION" or "BYCAPTION" => LevelOrder.ByCaption,
            _ => throw context.Error(path, $"unknown order {order.GetRawText()} (expected \"natural\", \"reverse\", \"caption\" or an array of the members to show first)."),
        };
    }
}
