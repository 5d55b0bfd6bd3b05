using System.Text;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

/// <summary>
/// A compact S-expression of an expression tree, so tests can state shape and precedence in one string:
/// <c>(+ 1 (* 2 3))</c>, <c>(call Filter [Store].Members (&gt; x 1))</c>. Names print as written (quoting kept).
/// </summary>
internal static class SyntaxDump
{
    public static string Of(MdxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    /// <summary>Parses <paramref name="mdx"/> as an expression, asserts there were no diagnostics, and dumps it.</summary>
    public static string Parse(string mdx)
    {
        var result = MdxParser.ParseExpression(mdx);
        Assert.True(result.Diagnostics.Count == 0, string.Join("; ", result.Diagnostics));
        return Of(result.Expression);
    }

    private static StringBuilder Write(StringBuilder b, MdxNode node)
    {
        switch (node)
        {
            case IdentifierNode id:
                b.AppendJoin('.', id.Segments.Select(Segment));
                break;
            case FunctionCall call:
                List(b, "call " + call.Name, call.Arguments);
                break;
            case MethodCall call:
                b.Append("(method ").Append(call.Name).Append(' ');
                Write(b, call.Target);
                foreach (var argument in call.Arguments) Write(b.Append(' '), argument);
                b.Append(')');
                break;
            case PropertyAccess access:
                Write(b.Append("(prop "), access.Target);
                b.Append(' ').Append(Segment(access.Property)).Append(')');
                break;
            case SetLiteral set:
                b.Append('{').AppendJoin(' ', set.Elements.Select(Of)).Append('}');
                break;
            case TupleLiteral tuple:
                List(b, "tuple", tuple.Elements);
                break;
            case ParenthesizedExpression parenthesized:
                Write(b.Append("(paren "), parenthesized.Inner);
                b.Append(')');
                break;
            case RangeExpression range:
                List(b, ":", [range.Start, range.End]);
                break;
            case UnaryExpression unary:
                List(b, unary.Operator switch { UnaryOperator.Minus => "neg", UnaryOperator.Plus => "pos", _ => "not" }, [unary.Operand]);
                break;
            case BinaryExpression binary:
                List(b, Precedence.Symbol(binary.Operator), [binary.Left, binary.Right]);
                break;
            case CaseExpression @case:
                b.Append("(case");
                if (@case.Operand is not null) Write(b.Append(' '), @case.Operand);
                foreach (var when in @case.Whens) Write(b.Append(' '), when);
                if (@case.Else is not null) Write(b.Append(" (else "), @case.Else).Append(')');
                b.Append(')');
                break;
            case CaseWhen caseWhen:
                List(b, "when", [caseWhen.When, caseWhen.Then]);
                break;
            case AliasExpression alias:
                List(b, "as", [alias.Expression, alias.Alias]);
                break;
            case NumberLiteral number:
                b.Append(number.Text);
                break;
            case StringLiteral text:
                b.Append('"').Append(text.Value).Append('"');
                break;
            case NullLiteral:
                b.Append("NULL");
                break;
            case EmptyExpression:
                b.Append('_');
                break;
            case ErrorExpression:
                b.Append('!');
                break;
            default:
                b.Append(node.GetType().Name);
                break;
        }
        return b;
    }

    private static void List(StringBuilder b, string head, IEnumerable<MdxNode> items)
    {
        b.Append('(').Append(head);
        foreach (var item in items) Write(b.Append(' '), item);
        b.Append(')');
    }

    private static string Segment(IdentifierSegment s) =>
        (s.IsKey ? "&" : "") + (s.IsQuoted ? "[" + s.Name + "]" : s.Name);
}
