namespace Cuboid.Model;

/// <summary>
/// The tables a cube reaches from its fact table through joins, each with the path of joins
/// that leads to it (a star has paths of one join, a snowflake longer ones).
/// </summary>
internal sealed class JoinGraph
{
    private readonly Dictionary<Table, JoinDefinition[]> _paths = [];

    public JoinGraph(Table fact)
    {
        Fact = fact;
        _paths[fact] = [];
        var queue = new Queue<Table>([fact]);
        while (queue.Count > 0)
        {
            var table = queue.Dequeue();
            foreach (var join in table.Joins)
            {
                if (_paths.ContainsKey(join.Target)) continue;   // reached already by a shorter path
                _paths[join.Target] = [.. _paths[table], join];
                queue.Enqueue(join.Target);
            }
        }
    }

    public Table Fact { get; }

    public IEnumerable<Table> Tables => _paths.Keys;

    public IEnumerable<JoinDefinition> Joins => _paths.Values.SelectMany(p => p).Distinct();

    public bool Reaches(Table table) => _paths.ContainsKey(table);

    /// <summary>The joins from the fact table to <paramref name="table"/>; empty for the fact table itself.</summary>
    public JoinDefinition[] PathTo(Table table) =>
        _paths.TryGetValue(table, out var path)
            ? path
            : throw new ArgumentException($"Table '{table.Name}' is not joined to the cube's fact table '{Fact.Name}' (directly or through other tables).");

    /// <summary>The joins from <paramref name="from"/> (on the path to <paramref name="to"/>) down to <paramref name="to"/>.</summary>
    public JoinDefinition[] PathBetween(Table from, Table to)
    {
        var path = PathTo(to);
        if (from == Fact) return path;
        var start = Array.FindIndex(path, j => j.Target == from);
        return start < 0 ? throw new ArgumentException($"Table '{to.Name}' is not reached through '{from.Name}'.") : path[(start + 1)..];
    }
}
