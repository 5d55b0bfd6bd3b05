using Cuboid.Aggregation;

namespace Cuboid.Model;

/// <summary>
/// A table whose rows stay in a database (DirectQuery, in Cuboid.DirectQuery). As a cube's fact
/// table it answers the cube's aggregations (<see cref="Aggregates"/>) and the members of levels on
/// its own columns; as a joined table its rows are mirrored in memory, as Atoti keeps hierarchies.
/// Loads through the public API are refused: the database is where its data changes.
/// </summary>
internal interface IExternalTable
{
    /// <summary>Names it in errors: "table public.sales of PostgreSQL database 'shop'".</summary>
    string Description { get; }

    /// <summary>Where a cube over it as fact table gets its aggregates.</summary>
    IAggregateSource Aggregates { get; }

    /// <summary>A table joins this one: its rows are read into memory now (once; a refresh reads them again).</summary>
    void Mirror();

    /// <summary>This table joins <paramref name="target"/>: throws unless the database can join them (a table of the same database).</summary>
    void CheckJoin(Table target);

    /// <summary>
    /// The fact rows <paramref name="filter"/> keeps (at most <paramref name="maxRows"/> after
    /// <paramref name="offset"/>), as a snapshot of <paramref name="cube"/> whose fact table holds just
    /// those rows; and how many rows it keeps in all.
    /// </summary>
    (List<int> Rows, long Total, CubeSnapshot Data) Drillthrough(Cube cube, CubeSnapshot snapshot, Condition? filter, int offset, int maxRows, CancellationToken cancellation);

    /// <summary>Whether some fact row finds no row of <paramref name="table"/> (a first-hop join target): then its levels have the member of the columns' defaults.</summary>
    bool HasUnmatched(CubeSnapshot snapshot, Table table);

    /// <summary>Interns the members of a hierarchy whose levels read the fact table's own columns, for <paramref name="snapshot"/>'s data.</summary>
    void PrepareMembers(Cube cube, CubeSnapshot snapshot, HierarchyIndex index);
}
