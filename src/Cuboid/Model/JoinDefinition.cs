namespace Cuboid.Model;

/// <summary>A join from one table to another on equal columns.</summary>
internal sealed record JoinDefinition(Table Source, Table Target, IReadOnlyList<(Column Source, Column Target)> Columns, TargetOptionality Optionality)
{
    /// <summary>True when the mapped target columns are exactly the target's keys, so its key index answers the lookups.</summary>
    public bool OnTargetKeys =>
        Target.Keys.Count == Columns.Count && Target.Keys.All(k => Columns.Any(c => c.Target.Name == k));
}
