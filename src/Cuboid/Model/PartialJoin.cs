using System.Runtime.CompilerServices;
using Cuboid.Storage;

namespace Cuboid.Model;

/// <summary>
/// A join on target columns that are not the target's keys (<c>sales["Product"] == tags["Product"]</c>
/// with tags keyed on Product and Tag): each distinct value of the mapped columns is a group of target
/// rows, and a source row is resolved to its group. Groups are numbered in the order first seen and
/// never renumbered, so after a change of the target only the source chunks that held a value the
/// target lacked are resolved again; a change of the source resolves only its new chunks.
/// </summary>
internal sealed class PartialJoin(JoinDefinition join)
{
    private readonly ConditionalWeakTable<Chunk, GroupedChunk> _chunks = new();
    private Dictionary<KeyTuple, int> _groupOfKey = [];
    private Grouping? _grouping;

    /// <summary>One source chunk's groups, with whether some row held a value unknown to the groups (resolved again once they grow).</summary>
    private sealed record GroupedChunk(int[] Groups, bool HasUnknown, int KnownGroups, Dictionary<KeyTuple, int> Dictionary);

    /// <summary>The target's groups for <paramref name="target"/>: computed once per target version.</summary>
    public Grouping Group(TableVersion target)
    {
        if (_grouping is { } known && ReferenceEquals(known.Target, target)) return known;
        var width = join.Columns.Count;
        var live = target.Chunks.Sum(c => (long)c.Count - c.DeletedCount);
        // Values of deleted rows stay in the dictionary; past twice the live rows it starts over (every source chunk is resolved again).
        if (_groupOfKey.Count > 2 * live + 1024) _groupOfKey = [];
        var groupOfRow = new int[target.RowIdLimit];
        Span<long> tuple = stackalloc long[KeyTuple.MaxColumns];
        for (var c = 0; c < target.Chunks.Length; c++)
        {
            var chunk = target.Chunks[c];
            for (var r = 0; r < chunk.Count; r++)
            {
                var id = Chunk.RowId(c, r);
                var isNull = false;
                for (var k = 0; k < width; k++)
                {
                    tuple[k] = KeyEncoding.Encode(chunk.Columns[join.Columns[k].Target.Schema.Index], r);
                    isNull |= tuple[k] == KeyEncoding.Null;
                }
                if (chunk.IsDeleted(r) || isNull)
                {
                    groupOfRow[id] = -1;   // a null matches nothing, as in SQL
                    continue;
                }
                var key = KeyTuple.From(tuple[..width]);
                if (!_groupOfKey.TryGetValue(key, out var group)) _groupOfKey.Add(key, group = _groupOfKey.Count);
                groupOfRow[id] = group;
            }
        }
        // A counting sort of the live rows by group: row ids stay in ascending order within a group.
        var groups = _groupOfKey.Count;
        var offsets = new int[groups + 1];
        foreach (var g in groupOfRow)
        {
            if (g >= 0) offsets[g + 1]++;
        }
        var many = false;
        for (var g = 0; g < groups; g++)
        {
            many |= offsets[g + 1] > 1;
            offsets[g + 1] += offsets[g];
        }
        var rows = new int[offsets[groups]];
        var next = offsets[..groups];
        for (var id = 0; id < groupOfRow.Length; id++)
        {
            if (groupOfRow[id] is var g and >= 0) rows[next[g]++] = id;
        }
        return _grouping = new Grouping(target, offsets, rows, many);
    }

    /// <summary>Each source chunk's groups, reusing those resolved before unless the chunk held values the groups lacked then and they have grown since.</summary>
    public int[][] Resolve(TableVersion source)
    {
        var translators = join.Columns.Select(c => new KeyTranslator(c.Source.Schema, c.Target.Schema)).ToArray();
        var result = new int[source.Chunks.Length][];
        for (var c = 0; c < result.Length; c++)
        {
            var chunk = source.Chunks[c];
            if (_chunks.TryGetValue(chunk, out var known) && known.Dictionary == _groupOfKey && (!known.HasUnknown || known.KnownGroups == _groupOfKey.Count))
            {
                result[c] = known.Groups;
                continue;
            }
            var resolved = ResolveChunk(chunk, translators);   // translators cache codes: one thread
            _chunks.AddOrUpdate(chunk, resolved);
            result[c] = resolved.Groups;
        }
        return result;
    }

    private GroupedChunk ResolveChunk(Chunk chunk, KeyTranslator[] translators)
    {
        var groups = new int[chunk.Count];
        var unknown = false;
        Span<long> key = stackalloc long[KeyTuple.MaxColumns];
        var width = translators.Length;
        for (var r = 0; r < chunk.Count; r++)
        {
            var isNull = false;
            var untranslated = false;
            for (var k = 0; k < width; k++)
            {
                var encoded = KeyEncoding.Encode(chunk.Columns[join.Columns[k].Source.Schema.Index], r);
                var value = translators[k].Translate(encoded);
                isNull |= encoded == KeyEncoding.Null;
                untranslated |= value == KeyEncoding.Null;   // a string the target's column has never held
                key[k] = value;
            }
            if (isNull)
            {
                groups[r] = -1;
                continue;
            }
            if (untranslated || !_groupOfKey.TryGetValue(KeyTuple.From(key[..width]), out var group))
            {
                unknown = true;
                group = -1;
            }
            groups[r] = group;
        }
        return new GroupedChunk(groups, unknown, _groupOfKey.Count, _groupOfKey);
    }
}

/// <summary>A target version's rows by group (<see cref="ManyMap"/>'s layout); <see cref="IsMany"/> when some group has several.</summary>
internal sealed record Grouping(TableVersion Target, int[] Offsets, int[] Rows, bool IsMany)
{
    /// <summary>Row ids for a chunk's groups when every group has at most one row: the join is then one-to-one for this version.</summary>
    public int[] FirstRows(int[] groups)
    {
        var rows = new int[groups.Length];
        for (var r = 0; r < groups.Length; r++)
        {
            var g = groups[r];
            rows[r] = g >= 0 && Offsets[g + 1] > Offsets[g] ? Rows[Offsets[g]] : -1;
        }
        return rows;
    }
}
