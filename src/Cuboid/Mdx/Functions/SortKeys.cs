namespace Cuboid.Mdx.Functions;

/// <summary>
/// The sort keys of a set's tuples (Order, TopCount, Rank…), compared as Mondrian does: empty first,
/// then numbers from -Infinity up, NaN above every finite number but below +Infinity, then strings; ties
/// keep the set's order. All-numeric keys (the usual case, a measure) are compared as numbers, not as
/// boxed objects.
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
    public static SortKeys Of(Mdx.Execution.Evaluator e, Mdx.Syntax.ILocated key, List<object?> keys)
    {
        foreach (var value in keys)
        {
            if (value is not (null or double or int or long or float or decimal or string or bool))
            {
                throw e.Error(key, MdxErrorCodes.BadSortKey, $"A sort key is a number or a string; this one is {Mdx.Execution.Evaluator.Describe(value)}.");
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
                _ => CompareNumbers(_numbers[a], _numbers[b]),
            };
        }
        else
        {
            order = SetFunctions.CompareKeys(_keys[a], _keys[b]);
        }
        return order;
    }

    /// <summary>Numbers in Mondrian's order: NaN above every finite number, below +Infinity, equal to itself (.NET puts NaN first).</summary>
    public static int CompareNumbers(double a, double b) => (double.IsNaN(a), double.IsNaN(b)) switch
    {
        (true, true) => 0,
        (true, false) => double.IsPositiveInfinity(b) ? -1 : 1,
        (false, true) => double.IsPositiveInfinity(a) ? 1 : -1,
        _ => a.CompareTo(b),
    };

    /// <summary>A key as a long in the same order as <see cref="Compare"/>: empty lowest, then the numbers, NaN just below +Infinity.</summary>
    private long Ordered(int i)
    {
        if (_empty![i]) return long.MinValue;
        var x = _numbers![i];
        if (double.IsPositiveInfinity(x)) return long.MaxValue;
        if (double.IsNaN(x)) return long.MaxValue - 1;   // above the largest finite double's bits (0x7FEF…)
        var bits = BitConverter.DoubleToInt64Bits(x == 0 ? 0.0 : x);   // -0 and 0 are equal keys
        return bits ^ ((bits >> 63) & long.MaxValue);   // negative doubles' bits run backwards: flip them
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
        var keys = new long[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = descending ? ~Ordered(i) : Ordered(i);   // ~ reverses the order exactly (no overflow, unlike negation)
        }
        Array.Sort(keys, order);
        for (var start = 0; start < n;)   // the sort is not stable: put each run of equal keys back in position order
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
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
