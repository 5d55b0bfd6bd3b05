namespace Cuboid.ModelFiles;

/// <summary>
/// Finds columns by the names a cube's model uses: <c>table.column</c>, or a bare column name,
/// which is the fact table's column or else the column of the one joined table that has it.
/// </summary>
internal sealed class ColumnResolver(ModelContext context, Table fact)
{
    private readonly List<Table> _reachable = Reachable(fact);

    public Table Fact => fact;

    public Column Resolve(string? table, string column, string path)
    {
        if (table is not null)
        {
            var named = context.Table(table, path);
            if (!_reachable.Contains(named)) throw context.Error(path, $"table '{table}' is not joined to the fact table '{fact.Name}' (the cube's tables: {string.Join(", ", _reachable.Select(t => t.Name))}).");
            return context.Column(named, column, path);
        }
        var owners = _reachable.Where(t => t.Columns.Any(c => c.Name == column)).ToList();
        if (owners.Count > 0 && owners[0] == fact) return fact[column];
        return owners.Count switch
        {
            1 => owners[0][column],
            0 => throw context.Error(path, $"no column '{column}' in the fact table '{fact.Name}' or the tables it joins ({string.Join(", ", _reachable.Skip(1).Select(t => t.Name))}); its columns: {string.Join(", ", fact.Columns.Select(c => c.Name))}."),
            _ => throw context.Error(path, $"column '{column}' is ambiguous: tables {string.Join(", ", owners.Select(t => t.Name))} have one; name the table ([table].[column], or \"table\")."),
        };
    }

    /// <summary>The fact table first, then the tables it joins, breadth first.</summary>
    private static List<Table> Reachable(Table fact)
    {
        var found = new List<Table> { fact };
        for (var i = 0; i < found.Count; i++)
        {
            foreach (var next in found[i].JoinedTables)
            {
                if (!found.Contains(next)) found.Add(next);
            }
        }
        return found;
    }
}
