namespace Cuboid.Mdx.Functions;

/// <summary>
/// The sort keys of a set's tuples (Order, TopCount…), compared as MDX does: empty first, then
/// numbers, then strings; ties keep the set's order. All-numeric keys (the usual case, a measure)
/// are compared as doubles, not as boxed objects.
/// </summary>
internal sealed class SortKeys
{
    private readonly List<object?> _keys;
    private readonly double[]? _numbers;   // NaN stands for empty when HasEmpty
    private readonly bool[]? _empty;

    private SortKeys(List<object?> keys)
    {
        _keys = keys;
        if (!keys.All(k => k is null or double or int or long or float or decimal)) return;
        _numbers = new double[keys.Count];
        _empty = new bool[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is null) _empty[i] = true;
            else _numbers[i] = Convert.ToDouble(keys[i], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The keys <paramref name="key"/> gave; a key that is not a number, a string or empty (a set, a level…) is an error at it.</summary>
    public static SortKeys Of(Mdx.Execution.Evaluator e, Mdx.Syntax.MdxNode key, List<object?> keys)
    {
        foreach (var value in keys)
        {
            if (value is not (null or double or int or long or float or decimal or string or bool))
            {
                throw e.Error(key, "MDX0205", $"A sort key is a number or a string; this one is {Mdx.Execution.Evaluator.Describe(value)}.");
            }
        }
        return new(keys);
    }

    public int Count => _keys.Count;

    /// <summary>Key a against key b (ascending), ties broken by position.</summary>
    public int Compare(int a, int b)
    {
        int order;
        if (_numbers is not null)
        {
            order = (_empty![a], _empty[b]) switch
            {
                (true, true) => 0,
                (true, false) => -1,
                (false, true) => 1,
                _ => _numbers[a].CompareTo(_numbers[b]),
            };
        }
        else
        {
            order = SetFunctions.CompareKeys(_keys[a], _keys[b]);
        }
        return order;
    }

    /// <summary>
    /// Every position in key order (largest first when <paramref name="descending"/>), ties in
    /// position order — sorted as plain doubles, not through a comparison delegate; null when the
    /// keys are not all numbers.
    /// </summary>
    public int[]? SortedNumbers(bool descending)
    {
        if (_numbers is null) return null;
        var n = Count;
        var keys = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            // Empty sorts as the smallest: first ascending, last descending.
            keys[i] = _empty![i] ? (descending ? double.PositiveInfinity : double.NegativeInfinity) : descending ? -_numbers[i] : _numbers[i];
        }
        Array.Sort(keys, order);
        for (var start = 0; start < n;)   // the sort is not stable: put each run of equal keys back in position order
        {
            var end = start + 1;
            while (end < n && keys[end].Equals(keys[start])) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return order;
    }

    /// <summary>
    /// The positions of the first <paramref name="n"/> tuples in key order (largest first when
    /// <paramref name="descending"/>), ties in set order: a heap of n, not a sort of the whole set.
    /// </summary>
    public List<int> Best(int n, bool descending)
    {
        int Ranked(int a, int b)
        {
            var order = Compare(a, b) * (descending ? -1 : 1);
            return order != 0 ? order : a.CompareTo(b);
        }
        n = Math.Min(n, Count);
        // The heap's root is the worst of the best kept so far.
        var heap = new PriorityQueue<int, int>(n + 1, Comparer<int>.Create((a, b) => Ranked(b, a)));
        for (var i = 0; i < Count && n > 0; i++)
        {
            if (heap.Count < n) heap.Enqueue(i, i);
            else if (Ranked(i, heap.Peek()) < 0) heap.EnqueueDequeue(i, i);
        }
        var best = new List<int>(heap.Count);
        while (heap.Count > 0) best.Add(heap.Dequeue());
        best.Sort(Ranked);
        return best;
    }
}
