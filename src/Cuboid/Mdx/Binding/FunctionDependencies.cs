namespace Cuboid.Mdx.Binding;

/// <summary>
/// The functions whose value depends on the context only through their arguments: they navigate the
/// hierarchies and combine sets, reading no cell and no current member of their own. Over constant arguments
/// they are constant, and the binder computes such a set once per query. Any function not listed is taken to
/// depend on everything (it may read cells, current members or the calculated members of the moment).
/// </summary>
internal static class FunctionDependencies
{
    private static readonly HashSet<string> s_onlyThroughArguments = new(StringComparer.OrdinalIgnoreCase)
    {
        "Members", "Children", "Siblings", "Parent", "FirstChild", "LastChild", "FirstSibling", "LastSibling", "NextMember", "PrevMember",
        "Lag", "Lead", "Ancestor", "Ascendants", "Cousin", "Descendants", "Level", "Levels", "Hierarchy", "Dimension", "DefaultMember",
        "Name", "UniqueName", "Caption", "Ordinal", "CrossJoin", "Union", "Except", "Intersect", "Distinct", "Head", "Tail", "Subset",
        "Hierarchize", "Unorder", "Extract", "DrilldownLevel", "DrilldownMember", "ToggleDrillState", "StripCalculatedMembers",
        "IsLeaf", "IsAncestor", "IsSibling", "IsGeneration", "Exists",
    };

    public static bool OnlyThroughArguments(string name) => s_onlyThroughArguments.Contains(name);
}
