using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// Rows whose member at one level is in a table of accepted codes. For a fact-anchored hierarchy,
/// one lookup of the row's member code. For a hierarchy anchored on a joined table, the level's
/// 1- or 2-byte codes per fact row when it has at most 65,536 members (a run of accepted codes is
/// tested 32 rows a vector); otherwise the acceptance is spread over the joined table's rows, so
/// a fact row costs one lookup through its join map.
/// </summary>
internal sealed class LevelCondition : RowCondition
{
    private readonly CubeSnapshot _snapshot;
    private readonly HierarchyIndex _index;
    private readonly int _depth;
    private readonly bool[] _accepted;
    private readonly bool[]? _byAnchorRow;
    private readonly PackedRange? _range;

    /// <summary>The share of the level's members the condition accepts: an estimate of the share of rows it keeps.</summary>
    public override double Selectivity { get; }   // the accepted codes when they are one run (one member, most often): tested 32 bytes a vector

    public LevelCondition(CubeSnapshot snapshot, HierarchyIndex index, int depth, bool[] accepted)
    {
        (_snapshot, _index, _depth, _accepted) = (snapshot, index, depth, accepted);
        Selectivity = accepted.Length == 0 ? 0 : (double)accepted.Count(a => a) / accepted.Length;
        if (index.FactAnchored(snapshot.Graph)) return;
        _range = Contiguous(accepted);
        var codes = index.AnchorCodes(snapshot)[depth];
        _byAnchorRow = new bool[codes.Length];
        for (var i = 0; i < codes.Length; i++) _byAnchorRow[i] = (uint)codes[i] < (uint)accepted.Length && accepted[codes[i]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var (n, offset, sel) = (view.Count, view.Offset, view.Selection);
        if (_byAnchorRow is null)
        {
            var codes = _index.FactChunkCodes(_snapshot, view.Index)[_depth];
            var accepted = _accepted;
            if (sel is null)
            {
                var slice = codes.AsSpan(offset, n);
                for (var r = 0; r < slice.Length; r++) result[r] = (uint)slice[r] < (uint)accepted.Length && accepted[slice[r]];
            }
            else
            {
                for (var r = 0; r < n; r++) result[r] = (uint)codes[sel[r]] < (uint)accepted.Length && accepted[codes[sel[r]]];
            }
            return;
        }
        // A level of at most 65,536 members: its codes, 1 or 2 bytes a fact row, instead of the join map and a lookup by joined row.
        switch (_index.NarrowFactCodes(_snapshot, _depth, view.Index))
        {
            case byte[] bytes:
                if (_range is { } range && sel is null) range.Eval(bytes.AsSpan(offset, n), default, default, 1, result[..n]);
                else Lookup(bytes, offset, n, sel, result);
                return;
            case ushort[] shorts:
                if (_range is { } wide && sel is null) wide.Eval(default, shorts.AsSpan(offset, n), default, 2, result[..n]);
                else Lookup(shorts, offset, n, sel, result);
                return;
        }
        using var idLease = BufferPool.Ints(n, out var idBuffer);
        var rows = view.Map(_snapshot.FactRowsOf(_index.Anchor, view.Index)!, idBuffer);
        var byRow = _byAnchorRow;
        var unmatched = (uint)(byRow.Length - 1);
        for (var r = 0; r < rows.Length; r++)
        {
            var id = (uint)rows[r];
            result[r] = byRow[id < unmatched ? id : unmatched];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Lookup<T>(T[] codes, int offset, int n, int[]? sel, Span<bool> result) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var accepted = _accepted;
        if (sel is null)
        {
            var slice = codes.AsSpan(offset, n);
            for (var r = 0; r < slice.Length; r++) result[r] = uint.CreateTruncating(slice[r]) < (uint)accepted.Length && accepted[int.CreateTruncating(slice[r])];
        }
        else
        {
            for (var r = 0; r < n; r++) result[r] = uint.CreateTruncating(codes[sel[r]]) < (uint)accepted.Length && accepted[int.CreateTruncating(codes[sel[r]])];
        }
    }

    /// <summary>The accepted codes as one range of byte codes, when they are one run; null otherwise.</summary>
    private static PackedRange? Contiguous(bool[] accepted)
    {
        var first = Array.IndexOf(accepted, true);
        if (first < 0) return new PackedRange(0, 0, Empty: true, Negated: false);
        var last = Array.LastIndexOf(accepted, true);
        if (last > ushort.MaxValue || Array.IndexOf(accepted, false, first, last - first + 1) >= 0) return null;
        return new PackedRange((uint)first, (uint)last, Empty: false, Negated: false);
    }
}
