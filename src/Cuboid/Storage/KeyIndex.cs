using System.Numerics;

namespace Cuboid.Storage;

/// <summary>Up to four encoded key values (see <see cref="KeyEncoding"/>): a composite key without allocation.</summary>
internal readonly record struct KeyTuple(long A, long B, long C, long D)
{
    public const int MaxColumns = 4;

    public static KeyTuple From(ReadOnlySpan<long> values) => values.Length switch
    {
        1 => new(values[0], 0, 0, 0),
        2 => new(values[0], values[1], 0, 0),
        3 => new(values[0], values[1], values[2], 0),
        _ => new(values[0], values[1], values[2], values[3]),
    };

    public bool HasNull(int width) =>
        A == KeyEncoding.Null || (width > 1 && B == KeyEncoding.Null) || (width > 2 && C == KeyEncoding.Null) || (width > 3 && D == KeyEncoding.Null);
}

/// <summary>
/// Maps a key to the row id holding it. One integral (or dictionary-coded) column uses a direct
/// array over the key range while that range stays dense, which is the common case (surrogate ids,
/// string codes) and costs 4 bytes a key; everything else hashes a <see cref="KeyTuple"/>.
/// </summary>
internal sealed class KeyIndex
{
    private const int Missing = -1;
    private readonly int _width;
    private Dictionary<KeyTuple, int>? _hash;
    private int[]? _dense;     // _dense[key - _denseBase] = row id, or Missing
    private long _denseBase;
    private int _count;

    public KeyIndex(int width, bool denseCandidate)
    {
        _width = width;
        if (!denseCandidate || width != 1) _hash = [];
    }

    public int Width => _width;
    public int Count => _count;

    /// <summary>About what it holds: the dense array, or a hash entry per key.</summary>
    public long Bytes => _dense is { } dense ? 4L * dense.Length : 48L * _count;

    public bool TryGet(KeyTuple key, out int rowId)
    {
        if (_hash is not null) return _hash.TryGetValue(key, out rowId);
        var slot = key.A - _denseBase;
        if (_dense is not null && (ulong)slot < (ulong)_dense.Length && _dense[slot] != Missing)
        {
            rowId = _dense[slot];
            return true;
        }
        rowId = Missing;
        return false;
    }

    /// <summary>The row id of each one-column key (-1 where none): a join's lookups, a chunk at a time, in a tight loop over the dense array.</summary>
    public void GetAll(ReadOnlySpan<long> keys, Span<int> rowIds)
    {
        if (_hash is null && _dense is { } dense)
        {
            var denseBase = _denseBase;
            for (var i = 0; i < keys.Length; i++)
            {
                var slot = keys[i] - denseBase;
                rowIds[i] = (ulong)slot < (ulong)dense.Length ? dense[slot] : Missing;
            }
            return;
        }
        for (var i = 0; i < keys.Length; i++) rowIds[i] = TryGet(new KeyTuple(keys[i], 0, 0, 0), out var row) ? row : Missing;
    }

    /// <summary>Sets the row of <paramref name="key"/>; returns the row it replaces, or -1.</summary>
    public int Set(KeyTuple key, int rowId)
    {
        if (_hash is null && !FitsDense(key.A)) ToHash();
        if (_hash is not null)
        {
            if (_hash.TryGetValue(key, out var old))
            {
                _hash[key] = rowId;
                return old;
            }
            _hash.Add(key, rowId);
            _count++;
            return Missing;
        }
        var slot = (int)(key.A - _denseBase);
        var previous = _dense![slot];
        _dense[slot] = rowId;
        if (previous == Missing) _count++;
        return previous;
    }

    /// <summary>
    /// Sets consecutive rows of one integral key column (row <paramref name="firstRowId"/> + i holds
    /// <c>keys[i]</c>), adding the row ids they replace to <paramref name="replaced"/>. Keys inside
    /// the dense array (sized beforehand by <see cref="Reserve"/>) are set in a tight loop — a load's
    /// whole key index then costs a pass over its key column; from the first key outside it, one
    /// by one (growing the array or turning it into a hash).
    /// </summary>
    public void SetAll<T>(ReadOnlySpan<T> keys, int firstRowId, List<int> replaced) where T : struct, IBinaryInteger<T>
    {
        var done = 0;
        if (_hash is null && _dense is { } dense)
        {
            var denseBase = _denseBase;
            var added = 0;
            for (; done < keys.Length; done++)
            {
                var slot = long.CreateTruncating(keys[done]) - denseBase;
                if ((ulong)slot >= (ulong)dense.Length) break;
                var previous = dense[slot];
                dense[slot] = firstRowId + done;
                if (previous == Missing) added++;
                else replaced.Add(previous);
            }
            _count += added;
        }
        for (var i = done; i < keys.Length; i++)
        {
            var old = Set(new KeyTuple(long.CreateTruncating(keys[i]), 0, 0, 0), firstRowId + i);
            if (old != Missing) replaced.Add(old);
        }
    }

    /// <summary>Grows the dense array once to cover [<paramref name="min"/>, <paramref name="max"/>] for a load of <paramref name="incoming"/> keys; false when the index is (or must become) a hash.</summary>
    public bool Reserve(long min, long max, int incoming) => _hash is null && FitsDense(min, incoming) && FitsDense(max, incoming);

    /// <summary>The smallest and largest of some keys.</summary>
    public static (long Min, long Max) Range<T>(ReadOnlySpan<T> keys) where T : struct, IBinaryInteger<T>
    {
        var (min, max) = (long.MaxValue, long.MinValue);
        foreach (var key in keys)
        {
            var k = long.CreateTruncating(key);
            if (k < min) min = k;
            if (k > max) max = k;
        }
        return (min, max);
    }

    public bool Remove(KeyTuple key)
    {
        if (_hash is not null)
        {
            if (!_hash.Remove(key)) return false;
            _count--;
            return true;
        }
        var slot = key.A - _denseBase;
        if (_dense is null || (ulong)slot >= (ulong)_dense.Length || _dense[slot] == Missing) return false;
        _dense[slot] = Missing;
        _count--;
        return true;
    }

    /// <summary>Grows the dense array to cover <paramref name="key"/>, unless that would make it sparse (<paramref name="incoming"/> keys are about to be added).</summary>
    private bool FitsDense(long key, int incoming = 0)
    {
        if (_dense is null)
        {
            _dense = NewDense(1024);
            _denseBase = Math.Min(key, long.MaxValue - (_dense.Length - 1));   // the covered range never wraps past long.MaxValue
            return true;
        }
        var slot = key - _denseBase;
        if ((ulong)slot < (ulong)_dense.Length) return true;
        var low = Math.Min(_denseBase, key);
        var high = Math.Max(_denseBase + _dense.Length - 1, key);
        // high - low can exceed long.MaxValue (keys near both ends of the long range): measure it unsigned.
        var span = unchecked((ulong)(high - low)) + 1;
        if (span == 0 || span > 4UL * (ulong)(_count + incoming) + (1 << 20) || span > (ulong)(Array.MaxLength / 2)) return false;
        // A quarter of headroom: keys usually keep growing after a bulk load sized the array to its range.
        var grown = NewDense((int)Math.Min(Array.MaxLength / 2, Math.Max((long)span + (long)span / 4, _dense.Length * 2L)));
        // Keep the old keys at their offset from the new base; grow downwards when the new key is below.
        // The covered range [newBase, newBase + length - 1] must stay inside the long range, or slots would wrap around.
        var newBase = key < _denseBase
            ? (high >= long.MinValue + (grown.Length - 1) ? high - (grown.Length - 1) : low)
            : Math.Min(_denseBase, long.MaxValue - (grown.Length - 1));
        Array.Copy(_dense, 0, grown, _denseBase - newBase, _dense.Length);
        _dense = grown;
        _denseBase = newBase;
        return true;
    }

    private static int[] NewDense(int length)
    {
        var dense = new int[length];
        Array.Fill(dense, Missing);
        return dense;
    }

    private void ToHash()
    {
        var hash = new Dictionary<KeyTuple, int>(_count);
        for (var i = 0; _dense is not null && i < _dense.Length; i++)
        {
            if (_dense[i] != Missing) hash.Add(new KeyTuple(_denseBase + i, 0, 0, 0), _dense[i]);
        }
        _hash = hash;
        _dense = null;
    }
}
