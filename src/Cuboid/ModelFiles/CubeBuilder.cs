namespace Cuboid.ModelFiles;

/// <summary>Creates a cube of the file: hierarchies, date hierarchies, measures, then calculated members.</summary>
internal static class CubeBuilder
{
    public static Cube Build(ModelContext context, CubeModel model, string path)
    {
        var fact = context.Table(context.Required(model.FactTable, path, "factTable"), $"{path}.factTable");
        var mode = model.Mode?.ToUpperInvariant() switch
        {
            null or "AUTO" => CubeMode.Auto,
            "MANUAL" => CubeMode.Manual,
            "NOMEASURES" => CubeMode.NoMeasures,
            _ => throw context.Error($"{path}.mode", $"unknown mode '{model.Mode}' (expected auto, manual or noMeasures)."),
        };
        var cube = context.At(path, () => context.Session.CreateCube(fact, model.Name, mode));
        if (model.DefaultHierarchies == false)
        {
            foreach (var hierarchy in cube.Hierarchies.ToList()) cube.Hierarchies.Remove(hierarchy.Name);
        }
        var removed = model.RemoveMeasures ?? [];
        for (var i = 0; i < removed.Count; i++)
        {
            var name = removed[i];
            if (!cube.Measures.Contains(name)) throw context.Error($"{path}.removeMeasures[{i}]", $"the cube has no measure '{name}' to remove (its measures: {string.Join(", ", cube.Measures.Select(m => m.Name))}).");
            cube.Measures.Remove(name);
        }
        var columns = new ColumnResolver(context, fact);
        var hierarchies = model.Hierarchies ?? [];
        for (var i = 0; i < hierarchies.Count; i++)
        {
            var at = $"{path}.hierarchies[{i}]";
            HierarchyBuilder.Build(context, cube, columns, context.NotNull(hierarchies[i], at), at);
        }
        var dates = model.DateHierarchies ?? [];
        for (var i = 0; i < dates.Count; i++)
        {
            var at = $"{path}.dateHierarchies[{i}]";
            HierarchyBuilder.BuildDate(context, cube, columns, context.NotNull(dates[i], at), at);
        }
        var measures = model.Measures ?? [];
        for (var i = 0; i < measures.Count; i++)
        {
            var at = $"{path}.measures[{i}]";
            BuildMeasure(context, cube, columns, context.NotNull(measures[i], at), at);
        }
        var calculated = model.CalculatedMembers ?? [];
        for (var i = 0; i < calculated.Count; i++)
        {
            var at = $"{path}.calculatedMembers[{i}]";
            var member = context.NotNull(calculated[i], at);
            var name = context.Required(member.UniqueName, at, "uniqueName");
            var formula = context.Required(member.Formula, at, "formula");
            context.At(at, () => cube.CalculatedMembers.Add(name, formula, member.FormatString, member.SolveOrder ?? 0, member.Visible ?? true));
        }
        return cube;
    }

    /// <summary>The aggregations a model file may name: the built-in ones and the session's plug-ins'.</summary>
    private static string KnownAggregations(Session session)
    {
        string[] names = ["sum", "mean", "min", "max", "count", "distinctCount", .. session.Functions.AggregationFunctions.Select(f => f.Name)];
        return string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    private static void BuildMeasure(ModelContext context, Cube cube, ColumnResolver columns, MeasureModel model, string path)
    {
        var name = context.Required(model.Name, path, "name");
        Measure definition;
        if (model.Formula is not null)
        {
            if (model.Aggregation is not null || model.Expression is not null) throw context.Error(path, "give either 'formula' (on measures) or 'aggregation' and 'expression' (on rows), not both.");
            definition = MeasureFormulaBinder.Bind(context, cube, model.Formula, $"{path}.formula");
        }
        else
        {
            var aggregation = context.Required(model.Aggregation, path, "aggregation");
            var expression = RowExpressionBinder.Bind(context, columns, context.Required(model.Expression, path, "expression"), $"{path}.expression");
            definition = aggregation.ToUpperInvariant() switch
            {
                "SUM" => Agg.Sum(expression),
                "MEAN" or "AVG" => Agg.Mean(expression),
                "MIN" => Agg.Min(expression),
                "MAX" => Agg.Max(expression),
                "COUNT" => Agg.Count(expression),
                "DISTINCTCOUNT" or "COUNTDISTINCT" => Agg.CountDistinct(expression),
                _ when cube.Session.Functions.TryGetAggregationFunction(aggregation, out var custom) => Agg.Custom(custom, expression),
                _ => throw context.Error($"{path}.aggregation", $"unknown aggregation '{aggregation}' (expected {KnownAggregations(cube.Session)})."),
            };
        }
        var measure = context.At(path, () => cube.Measures.Set(name, definition));
        if (model.Formatter is not null) measure.Formatter = model.Formatter;
        if (model.Folder is not null) measure.Folder = model.Folder;
        if (model.Visible is { } visible) measure.Visible = visible;
        if (model.Description is not null) measure.Description = model.Description;
    }
}
