using System.Text;

namespace Cuboid.Mdx.Syntax;

/// <summary>
/// Prints a syntax tree back to MDX that parses to the same tree (ignoring spans): keywords upper case, one clause
/// per line, string literals in double quotes, quoted formulas kept quoted. Bracketed names stay bracketed; plain
/// segments stay plain by default because the binder reads an unquoted trailing segment such as <c>Children</c>
/// as a property, and bracketing it would turn it into a member name.
/// </summary>
internal sealed partial class MdxPrinter
{
    private readonly StringBuilder _builder = new();
    private readonly bool _bracketAllNames;

    private MdxPrinter(bool bracketAllNames) => _bracketAllNames = bracketAllNames;

    /// <summary>
    /// MDX text for <paramref name="node"/>. With <paramref name="bracketAllNames"/> every name segment is bracketed
    /// (<c>[Time].[1997].[Children]</c>): the most defensive form, equal to the original only when quoting is ignored.
    /// </summary>
    public static string Print(MdxNode node, bool bracketAllNames = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        var printer = new MdxPrinter(bracketAllNames);
        printer.WriteNode(node);
        return printer._builder.ToString();
    }

    private void WriteNode(MdxNode node)
    {
        switch (node)
        {
            case MdxExpression expression: Write(expression, Precedence.Alias); break;
            case SelectStatement select: WriteSelect(select); break;
            case DrillthroughStatement drillthrough: WriteDrillthrough(drillthrough); break;
            case WithItem item: WriteWithItem(item); break;
            case MemberProperty property: WriteProperty(property); break;
            case AxisSpecification axis: WriteAxis(axis); break;
            case CaseWhen caseWhen: WriteWhen(caseWhen); break;
            default: throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name);
        }
    }

    private void WriteDrillthrough(DrillthroughStatement drillthrough)
    {
        _builder.Append("DRILLTHROUGH");
        if (drillthrough.MaxRows is { } maxRows) _builder.Append(" MAXROWS ").Append(maxRows);
        if (drillthrough.FirstRowSet is { } first) _builder.Append(" FIRSTROWSET ").Append(first);
        _builder.Append('\n');
        WriteSelect(drillthrough.Select);
        if (drillthrough.ReturnColumns.Count == 0) return;
        _builder.Append("\nRETURN ");
        WriteList(drillthrough.ReturnColumns);
    }

    private void WriteSelect(SelectStatement select)
    {
        if (select.WithItems.Count > 0)
        {
            _builder.Append("WITH");
            foreach (var item in select.WithItems)
            {
                _builder.Append("\n  ");
                WriteWithItem(item);
            }
            _builder.Append('\n');
        }
        _builder.Append("SELECT");
        for (var i = 0; i < select.Axes.Count; i++)
        {
            _builder.Append(i == 0 ? "\n  " : ",\n  ");
            WriteAxis(select.Axes[i]);
        }
        _builder.Append("\nFROM ");
        if (select.Cube is not null) WriteIdentifier(select.Cube);
        if (select.Where is not null)
        {
            _builder.Append("\nWHERE ");
            Write(select.Where, Precedence.Alias);
        }
        if (select.CellProperties.Count > 0)
        {
            _builder.Append("\nCELL PROPERTIES ");
            WriteList(select.CellProperties);
        }
    }

    private void WriteWithItem(WithItem item)
    {
        _builder.Append(item is WithMember ? "MEMBER " : "SET ");
        WriteIdentifier(item.Name);
        _builder.Append(" AS ");
        if (item.IsQuoted)
        {
            // The formula is itself MDX inside a single-quoted string: print it, then double its quotes.
            var formula = new MdxPrinter(_bracketAllNames);
            formula.Write(item.Expression, Precedence.Alias);
            _builder.Append('\'').Append(formula._builder.Replace("'", "''")).Append('\'');
        }
        else
        {
            Write(item.Expression, Precedence.Alias);
        }
        if (item is not WithMember member) return;
        foreach (var property in member.Properties)
        {
            _builder.Append(", ");
            WriteProperty(property);
        }
    }

    private void WriteProperty(MemberProperty property)
    {
        if (IsPlainName(property.Name)) _builder.Append(property.Name.ToUpperInvariant());
        else AppendBracketed(property.Name);
        _builder.Append(" = ");
        Write(property.Value, Precedence.Alias);
    }

    private void WriteAxis(AxisSpecification axis)
    {
        if (axis.NonEmpty) _builder.Append("NON EMPTY ");
        Write(axis.Set, Precedence.Alias);
        if (axis.DimensionProperties.Count > 0)
        {
            _builder.Append(" DIMENSION PROPERTIES ");
            WriteList(axis.DimensionProperties);
        }
        _builder.Append(" ON ").Append(axis.AxisName);
    }

    private void WriteWhen(CaseWhen when)
    {
        _builder.Append("WHEN ");
        Write(when.When, Precedence.Alias);
        _builder.Append(" THEN ");
        Write(when.Then, Precedence.Alias);
    }

    private void WriteList<T>(IReadOnlyList<T> items)
        where T : MdxExpression
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) _builder.Append(", ");
            Write(items[i], Precedence.Alias);
        }
    }
}
