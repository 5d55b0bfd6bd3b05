namespace Cuboid.Loading;

/// <summary>What a source read: batches ready to commit, and the rows it rejected.</summary>
internal sealed class LoadResult
{
    public List<RowBatch> Batches { get; } = [];
    public List<RejectedRow> Rejected { get; } = [];
    public long RowsRead { get; set; }

    /// <summary>When the source began reading (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>): a load's time in the log.</summary>
    public long Started { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();
    public long RowsLoaded => Batches.Sum(b => (long)b.Count);

    /// <summary>Adds what another part of the source read (a row group, a batch), after this one's.</summary>
    public void Add(LoadResult part)
    {
        Batches.AddRange(part.Batches);
        Rejected.AddRange(part.Rejected);
        RowsRead += part.RowsRead;
    }
}
