namespace Cuboid.Model;

/// <summary>What Auto, Manual and NoMeasures cubes start with, as Atoti defines them.</summary>
internal static class CubeModel
{
    public static void Populate(Cube cube, CubeMode mode)
    {
        foreach (var table in cube.Graph.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.DataType.IsArray()) continue;
                var isFact = table == cube.FactTable;
                var wanted = mode == CubeMode.Manual
                    ? (isFact ? !column.DataType.IsNumeric() || column.IsKey : column.IsKey)
                    : column.IsKey || !column.DataType.IsNumeric();
                // A joined table's columns that the join maps repeat the joining table's own column.
                if (!isFact && cube.Graph.PathTo(table)[^1].Columns.Any(c => ReferenceEquals(c.Target, column))) wanted = false;
                if (!wanted || cube.Hierarchies.Any(h => h.Dimension == table.Name && h.Name == column.Name)) continue;
                cube.Hierarchies.Set(column.Name, [new Level(column.Name, new ColumnLevelSource(column))], table.Name);
            }
        }
        cube.Measures["contributors.COUNT"] = new Measure(new ContributorsCountMeasure());
        if (mode == CubeMode.Manual) return;
        cube.Measures["update.TIMESTAMP"] = new Measure(new UpdateTimestampMeasure());
        if (mode == CubeMode.NoMeasures) return;
        foreach (var column in cube.FactTable.Columns)
        {
            // Numbers and arrays (summed element-wise), as Atoti's auto mode.
            if (!(column.DataType.IsNumeric() || column.DataType.IsArray()) || column.IsKey) continue;
            cube.Measures[$"{column.Name}.SUM"] = Agg.Sum(column);
            cube.Measures[$"{column.Name}.MEAN"] = Agg.Mean(column);
        }
    }
}
