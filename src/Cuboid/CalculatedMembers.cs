using System.Collections;
using Cuboid.Mdx.Syntax;

namespace Cuboid;

/// <summary>A calculated member defined on a cube in MDX (as a schema's CalculatedMember): every MDX query sees it.</summary>
public sealed record CalculatedMemberDefinition(string UniqueName, string Formula, string? FormatString = null, int SolveOrder = 0, bool Visible = true);

/// <summary>
/// The cube's calculated members: <c>cube.CalculatedMembers.Add("[Measures].[Profit]", "[Measures].[Store Sales] - [Measures].[Store Cost]", "$#,##0.00")</c>.
/// The formula is checked for syntax when added; names are bound when a query runs.
/// </summary>
public sealed class CalculatedMemberCollection : IEnumerable<CalculatedMemberDefinition>
{
    private readonly List<CalculatedMemberDefinition> _items = [];
    private readonly Cube _cube;

    internal CalculatedMemberCollection(Cube cube) => _cube = cube;

    /// <summary>The number of calculated members.</summary>
    public int Count => _items.Count;

    /// <summary>Adds (or replaces, by unique name) a calculated member; a syntax error in the name or formula is an <see cref="MdxException"/>.</summary>
    public CalculatedMemberDefinition Add(string uniqueName, string formula, string? formatString = null, int solveOrder = 0, bool visible = true)
    {
        var name = MdxParser.ParseExpression(uniqueName);
        if (name.HasErrors) throw new MdxException(name.Diagnostics);
        if (name.Expression is not IdentifierNode) throw new MdxException([new MdxDiagnostic(MdxErrorCodes.NotAMemberName, $"'{uniqueName}' is not a member name such as [Measures].[Profit].", 1, 1, 0, uniqueName.Length)]);
        var parsed = MdxParser.ParseExpression(formula);
        if (parsed.HasErrors) throw new MdxException(parsed.Diagnostics);
        var definition = new CalculatedMemberDefinition(uniqueName, formula, formatString, solveOrder, visible);
        lock (_items)
        {
            _items.RemoveAll(d => string.Equals(d.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase));
            _items.Add(definition);
        }
        _cube.OnModelChanged();
        return definition;
    }

    /// <summary>Removes the calculated member with that unique name; false when there is none.</summary>
    public bool Remove(string uniqueName)
    {
        lock (_items) return _items.RemoveAll(d => string.Equals(d.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase)) > 0;
    }

    /// <inheritdoc/>
    public IEnumerator<CalculatedMemberDefinition> GetEnumerator()
    {
        lock (_items) return _items.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
