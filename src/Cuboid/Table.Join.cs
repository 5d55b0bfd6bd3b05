using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid;

/// <summary>Whether every row of a table must find a row in a table it joins.</summary>
public enum TargetOptionality
{
    /// <summary>A row without a match still counts; the joined columns read their default values.</summary>
    Optional,
    /// <summary>A row without a match is left out of cubes (an inner join).</summary>
    Mandatory,
}

public sealed partial class Table
{
    private readonly List<JoinDefinition> _joins = [];

    /// <summary>The joins from this table to others.</summary>
    internal IReadOnlyList<JoinDefinition> Joins
    {
        get { lock (_joins) return [.. _joins]; }
    }

    /// <summary>The tables this table joins, directly.</summary>
    public IReadOnlyList<Table> JoinedTables => [.. Joins.Select(j => j.Target)];

    /// <summary>
    /// Joins <paramref name="target"/> on equal columns: <c>sales["Product"] == products["Product"]</c>
    /// (several with <c>&amp;</c>). Without a mapping, the target's key columns are matched by name.
    /// Chains of joins make snowflakes (sales → products → categories). The join is resolved when
    /// data is committed, so queries read joined columns through precomputed row maps.
    /// </summary>
    public void Join(Table target, Condition? mapping = null, TargetOptionality optionality = TargetOptionality.Optional)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target == this) throw new ArgumentException($"Table '{Name}' cannot join itself.", nameof(target));
        if (target.Session != Session) throw new ArgumentException($"Table '{target.Name}' belongs to another session.", nameof(target));
        var pairs = mapping is null ? DefaultMapping(target) : ParseMapping(mapping, target);
        foreach (var (source, targetColumn) in pairs) KeyEncoding.Translate(source.Schema, targetColumn.Schema);   // throws on incompatible types
        Store.External?.CheckJoin(target);
        if (Reaches(target, this)) throw new ArgumentException($"Joining '{Name}' to '{target.Name}' would make a cycle: '{target.Name}' already reaches '{Name}'.", nameof(target));
        target.Store.External?.Mirror();   // before the join exists: a database error leaves the model as it was
        lock (_joins)
        {
            if (_joins.Any(j => j.Target == target)) throw new ArgumentException($"Table '{Name}' already joins '{target.Name}'.", nameof(target));
            _joins.Add(new JoinDefinition(this, target, pairs, optionality));
        }
        Session.OnSchemaChanged();
    }

    private static bool Reaches(Table from, Table to) => from == to || from.Joins.Any(j => Reaches(j.Target, to));

    private IReadOnlyList<(Column Source, Column Target)> DefaultMapping(Table target)
    {
        if (target.Keys.Count == 0) throw new ArgumentException($"Joining '{target.Name}' needs a mapping: it has no key columns to match by name.", nameof(target));
        return [.. target.Keys.Select(k => (
            _columns.FirstOrDefault(c => c.Name == k) ?? throw new ArgumentException($"Table '{Name}' has no column '{k}' to match the key of '{target.Name}'; give a mapping.", nameof(target)),
            target[k]))];
    }

    private List<(Column Source, Column Target)> ParseMapping(Condition mapping, Table target)
    {
        var operands = mapping is AndCondition and ? and.Operands : [mapping];
        var pairs = new List<(Column, Column)>();
        foreach (var operand in operands)
        {
            if (operand is not ComparisonCondition { Operator: ComparisonOperator.Equal, Subject: Column left, Value: Column right })
            {
                throw new ArgumentException($"A join mapping is made of column equalities joined with &; '{operand}' is not one.", nameof(mapping));
            }
            if (left.Table == this && right.Table == target) pairs.Add((left, right));
            else if (left.Table == target && right.Table == this) pairs.Add((right, left));
            // Said as written, not through the condition's text, which describes a value as "(Column)".
            else throw new ArgumentException($"The mapping '{left} == {right}' must compare a column of '{Name}' with a column of '{target.Name}'.", nameof(mapping));
        }
        return pairs;
    }
}
