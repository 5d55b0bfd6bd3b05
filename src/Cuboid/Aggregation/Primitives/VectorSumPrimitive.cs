using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Aggregation.Primitives;

/// <summary>Element-wise sums of an array column's values under each cell (vectors of one length per cell).</summary>
internal sealed class VectorSumPrimitive : Primitive
{
    public override bool Subtractable => true;

    public override bool HasVectors => true;

    public override RowCalc? CompileInput(ColumnExpression input, Func<Column, TableStore> tableOf) => RowCalc.CompileDistinct(input, tableOf);

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new VectorState(plan.Calcs[leaf]!, capacity);

    private sealed class VectorState(RowCalc calc, int capacity) : NonNullCountState(calc, capacity)
    {
        private double[]?[] _sums = new double[]?[capacity];

        /// <summary>
        /// Adds each row's array into its cell's vector. A null array (or an unmatched join) is counted
        /// as a null; arrays of another length than the cell's are an error.
        /// </summary>
        public override bool TakesPairs => false;   // its own Add: pairs go through a selection

        public override void Add(in ScanBatch batch)
        {
            var (table, column) = Calc!.AsColumn!.Value;
            var view = batch.View;
            var (source, rows) = view.Source(table);
            var slots = batch.Slots;
            var n = slots.Length;
            using var idLease = BufferPool.Ints(n, out var idBuffer);
            ReadOnlySpan<int> ids;
            if (rows is not null)
            {
                ids = view.Map(rows, idBuffer);
            }
            else
            {
                var chunkBase = view.Index << Chunk.Shift;
                for (var r = 0; r < n; r++) idBuffer[r] = chunkBase | (view.Selection is { } sel ? sel[r] : view.Offset + r);
                ids = idBuffer[..n];
            }
            for (var r = 0; r < n; r++)
            {
                var s = slots[r];
                if (s < 0) continue;
                var id = ids[r];
                var array = id < 0 ? null : source.Chunks[id >>> Chunk.Shift].Columns[column.Index].GetValue(id & Chunk.OffsetMask) as Array;
                if (array is null)
                {
                    NullCounts()[s]++;
                    continue;
                }
                var sum = _sums[s] ??= new double[array.Length];
                if (sum.Length != array.Length)
                {
                    throw new InvalidOperationException($"Column '{column.Name}' of table '{table.Name}' holds arrays of {sum.Length} and of {array.Length} elements in one cell: only arrays of one length add up element-wise.");
                }
                VectorMath.AddInto(sum, array);
            }
        }

        public override void Grow(int capacity)
        {
            Array.Resize(ref _sums, capacity);
            base.Grow(capacity);
        }

        public override void MergeFrom(LeafState other, ReadOnlySpan<int> target)
        {
            base.MergeFrom(other, target);
            var from = ((VectorState)other)._sums;
            var name = Calc!.AsColumn!.Value.Column.Name;
            for (var s = 0; s < target.Length; s++)
            {
                if (target[s] >= 0 && from[s] is { } vector) _sums[target[s]] = VectorMath.Merge(_sums[target[s]], vector, name);
            }
        }

        public override LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows) => new(spec, [], NonNull(slots, rows), [.. slots.Select(s => _sums[s])]);
    }
}
