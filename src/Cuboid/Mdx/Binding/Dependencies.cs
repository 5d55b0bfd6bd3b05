namespace Cuboid.Mdx.Binding;

/// <summary>
/// The hierarchies whose current member an expression's value depends on (Mondrian's <c>dependsOn</c>), by
/// catalog ordinal: none for <c>{[Gender].[F], [Gender].[M]}</c>, the Time hierarchy for
/// <c>[Time].CurrentMember.Children</c>, all of them for anything that reads a cell. An expression that
/// depends on none is computed once per query (<see cref="ConstantSetCalc"/>).
/// </summary>
internal readonly record struct Dependencies(ulong Bits, bool All)
{
    public static Dependencies None => default;

    public static Dependencies Everything => new(0, true);

    /// <summary>One hierarchy; a catalog with more than 64 counts as all of them (binding only loses a cache).</summary>
    public static Dependencies On(int ordinal) => ordinal < 64 ? new(1UL << ordinal, false) : Everything;

    public bool IsNone => !All && Bits == 0;

    public bool DependsOn(int ordinal) => All || ordinal >= 64 || (Bits & (1UL << ordinal)) != 0;

    public Dependencies Union(Dependencies other) => All || other.All ? Everything : new(Bits | other.Bits, false);
}
