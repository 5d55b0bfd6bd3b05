namespace Cuboid.Model;

/// <summary>
/// A many-to-many join resolved for one data version: each source row's <em>group</em> (the
/// distinct value of the mapped target columns it carries, -1 when it is null or no target row
/// has it), and for each group the live target rows that have it, CSR-style
/// (<c>Rows[Offsets[g]..Offsets[g + 1]]</c>, in row-id order). A source row costs 4 bytes, as a
/// one-to-one join's row map does; the target side is one row id per target row. No list per row.
/// </summary>
internal sealed class ManyMap(JoinDefinition join, int[][] groupOf, int[] offsets, int[] rows)
{
    public JoinDefinition Join { get; } = join;

    /// <summary>Per source chunk, each row's group (-1: no match).</summary>
    public int[][] GroupOf { get; } = groupOf;

    /// <summary>Group g's target rows are <see cref="Rows"/>[Offsets[g]..Offsets[g + 1]]; one entry more than the groups.</summary>
    public int[] Offsets { get; } = offsets;

    public int[] Rows { get; } = rows;

    public int GroupCount => Offsets.Length - 1;

    /// <summary>The live target rows of group <paramref name="group"/> (none for -1 and for a group whose rows were all deleted).</summary>
    public ReadOnlySpan<int> RowsOf(int group) =>
        (uint)group < (uint)GroupCount ? Rows.AsSpan(Offsets[group], Offsets[group + 1] - Offsets[group]) : default;

    public long Bytes => 4L * (Offsets.Length + Rows.Length) + GroupOf.Sum(g => 4L * g.Length);

    /// <summary>What a query that needs one target row per source row is told: which join, and one key that has several rows.</summary>
    public NotSupportedException ReadThrough(string what)
    {
        var several = Enumerable.Range(0, GroupCount).First(g => RowsOf(g).Length > 1);
        return new NotSupportedException(
            $"Table '{Join.Target.Name}' is joined many-to-many to '{Join.Source.Name}' ({RowsOf(several).Length} rows of '{Join.Target.Name}' share one value of "
            + $"{string.Join(", ", Join.Columns.Select(c => $"'{c.Target.Name}'"))}): its columns group and filter facts through hierarchies and conditions, "
            + $"but {what} cannot read them one row per fact.");
    }
}
