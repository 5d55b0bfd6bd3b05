using System.Globalization;

namespace Cuboid.Mdx.Syntax;

// Expressions: parentheses are added only where precedence requires them, which never happens for a parsed tree
// (its parentheses are ParenthesizedExpression nodes), so printing a parsed tree adds nothing.
internal sealed partial class MdxPrinter
{
    private void Write(MdxExpression expression, int minPrecedence)
    {
        var parenthesize = Precedence.Of(expression) < minPrecedence;
        if (parenthesize) _builder.Append('(');
        WriteBare(expression);
        if (parenthesize) _builder.Append(')');
    }

    private void WriteBare(MdxExpression expression)
    {
        switch (expression)
        {
            case IdentifierNode identifier:
                WriteIdentifier(identifier);
                break;
            case FunctionCall call:
                _builder.Append(call.Name);
                WriteArguments(call.Arguments);
                break;
            case MethodCall call:
                Write(call.Target, Precedence.Primary);
                _builder.Append('.').Append(call.Name);
                WriteArguments(call.Arguments);
                break;
            case PropertyAccess access:
                Write(access.Target, Precedence.Primary);
                _builder.Append('.');
                WriteSegment(access.Property, first: false);
                break;
            case SetLiteral set:
                _builder.Append('{');
                WriteList(set.Elements);
                _builder.Append('}');
                break;
            case TupleLiteral tuple:
                _builder.Append('(');
                WriteList(tuple.Elements);
                _builder.Append(')');
                break;
            case ParenthesizedExpression parenthesized:
                _builder.Append('(');
                Write(parenthesized.Inner, Precedence.Alias);
                _builder.Append(')');
                break;
            case RangeExpression range:
                Write(range.Start, Precedence.Range);
                _builder.Append(" : ");
                Write(range.End, Precedence.Range + 1);
                break;
            case UnaryExpression unary:
                WriteUnary(unary);
                break;
            case BinaryExpression binary:
                var precedence = Precedence.Of(binary.Operator);
                Write(binary.Left, precedence);
                _builder.Append(' ').Append(Precedence.Symbol(binary.Operator)).Append(' ');
                Write(binary.Right, precedence + 1);
                break;
            case CaseExpression @case:
                WriteCase(@case);
                break;
            case AliasExpression alias:
                Write(alias.Expression, Precedence.Alias);
                _builder.Append(" AS ");
                WriteIdentifier(alias.Alias);
                break;
            case NumberLiteral number:
                _builder.Append(number.Text.Length > 0 ? number.Text : number.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case StringLiteral text:
                _builder.Append('"').Append(text.Value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                break;
            case NullLiteral:
                _builder.Append("NULL");
                break;
            case EmptyExpression or ErrorExpression:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name);
        }
    }

    private void WriteUnary(UnaryExpression unary)
    {
        switch (unary.Operator)
        {
            case UnaryOperator.Not:
                _builder.Append("NOT ");
                Write(unary.Operand, unary.Operand is UnaryExpression { Operator: UnaryOperator.Not } ? Precedence.Not : Precedence.Comparison);
                return;
            case UnaryOperator.Minus:
                _builder.Append('-');
                break;
            default:
                _builder.Append('+');
                break;
        }
        // "- -x" must not print as "--x", which starts a comment.
        if (unary.Operand is UnaryExpression { Operator: not UnaryOperator.Not }) _builder.Append(' ');
        Write(unary.Operand, Precedence.Unary);
    }

    private void WriteCase(CaseExpression @case)
    {
        _builder.Append("CASE");
        if (@case.Operand is not null)
        {
            _builder.Append(' ');
            Write(@case.Operand, Precedence.Alias);
        }
        foreach (var when in @case.Whens)
        {
            _builder.Append(' ');
            WriteWhen(when);
        }
        if (@case.Else is not null)
        {
            _builder.Append(" ELSE ");
            Write(@case.Else, Precedence.Alias);
        }
        _builder.Append(" END");
    }

    private void WriteArguments(IReadOnlyList<MdxExpression> arguments)
    {
        _builder.Append('(');
        WriteList(arguments);
        _builder.Append(')');
    }

    private void WriteIdentifier(IdentifierNode identifier)
    {
        for (var i = 0; i < identifier.Segments.Count; i++)
        {
            if (i > 0) _builder.Append('.');
            WriteSegment(identifier.Segments[i], first: i == 0);
        }
    }

    private void WriteSegment(IdentifierSegment segment, bool first)
    {
        if (segment.IsKey) _builder.Append('&');
        // A plain first segment that is reserved (or not a valid word) would not parse back as a name.
        var plain = !segment.IsQuoted && !_bracketAllNames && (segment.IsKey
            ? segment.Name.Length > 0 && segment.Name.All(c => char.IsLetterOrDigit(c) || c == '_')
            : IsPlainName(segment.Name) && !(first && IsReserved(segment.Name)));
        if (plain) _builder.Append(segment.Name);
        else AppendBracketed(segment.Name);
    }

    private void AppendBracketed(string name) =>
        _builder.Append('[').Append(name.Replace("]", "]]", StringComparison.Ordinal)).Append(']');

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_') return false;
        }
        return true;
    }

    private static bool IsReserved(string name) => Enum.TryParse<Keyword>(name, ignoreCase: true, out var keyword) && keyword != Keyword.None;
}
