using System.Runtime.CompilerServices;
using Cuboid.DirectQuery.Sql;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.DirectQuery;

/// <summary>
/// Members of hierarchies on an external fact table's own columns: one <c>SELECT DISTINCT</c> of
/// the levels' values per hierarchy and data version (a refresh makes a new version), interned as
/// a scan in memory would intern them.
/// </summary>
internal sealed class FactMembers(ExternalTable fact)
{
    private readonly ConditionalWeakTable<HierarchyIndex, TableVersion> _prepared = new();

    public void Prepare(Cube cube, CubeSnapshot snapshot, HierarchyIndex index)
    {
        var version = snapshot.Data[fact.Table.Store];
        lock (_prepared)
        {
            if (_prepared.TryGetValue(index, out var done) && ReferenceEquals(done, version)) return;
            var dialect = fact.Database.Client.Dialect;
            var writer = new SqlWriter(dialect);
            var star = new StarQuery(snapshot, [], dialect);
            var expressions = new SqlExpressions(star, writer, cube.IndexOf);
            var levels = index.Hierarchy.Levels;
            var values = levels.Select(expressions.LevelValue).ToList();
            var distinct = values.Distinct().ToList();
            var position = values.Select(v => distinct.IndexOf(v)).ToArray();
            var statement = writer.Statement($"SELECT DISTINCT {string.Join(", ", distinct)} FROM {star.From()}");
            var path = new long[levels.Count];
            var codes = new int[levels.Count];
            fact.Database.Client.Read(statement, row =>
            {
                for (var d = 0; d < path.Length; d++) path[d] = LevelKeys.Of(levels[d], row[position[d]]);
                index.Members.Intern(path, codes);
            }, CancellationToken.None);
            _prepared.AddOrUpdate(index, version);
        }
    }
}
