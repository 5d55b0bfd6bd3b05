namespace Cuboid.Mdx.Syntax;

/// <summary>
/// Every MDX syntax message, in one place so wording and codes stay consistent.
/// Codes MDX0001–MDX0099 are syntax; MDX01xx is reserved for binding and MDX02xx for evaluation.
/// </summary>
internal static class MdxDiagnostics
{
    public const string AxisNames = "COLUMNS, ROWS, PAGES, SECTIONS, CHAPTERS, AXIS(n) or an axis number";

    // Lexical errors.
    public static MdxDiagnostic UnexpectedCharacter(SourceText source, TextSpan at, char c) =>
        Create(MdxErrorCodes.UnexpectedCharacter, $"Unexpected character '{c}'", source, at);

    public static MdxDiagnostic UnterminatedString(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.UnterminatedString, "Unterminated string literal", source, at);

    public static MdxDiagnostic UnterminatedBracketedIdentifier(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.UnterminatedIdentifier, $"Unterminated bracketed identifier {Quote(source, at)}: expected ']'", source, at);

    public static MdxDiagnostic UnterminatedComment(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.UnterminatedComment, "Unterminated block comment: expected '*/'", source, at);

    public static MdxDiagnostic InvalidNumber(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.InvalidNumber, $"Invalid number {Quote(source, at)}: expected digits after the exponent", source, at);

    public static MdxDiagnostic InvalidKey(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.ExpectedMemberKey, "Expected a member key after '&', as in &[12] or &12", source, at);

    // Grammar errors.
    public static MdxDiagnostic UnexpectedToken(SourceText source, TextSpan at, string expected, string found) =>
        Create(MdxErrorCodes.UnexpectedToken, $"Expected {expected}, found {found}", source, at);

    public static MdxDiagnostic Unclosed(SourceText source, TextSpan at, string closer, string construct, int openedAt, string found) =>
        Create(MdxErrorCodes.Unclosed, $"Expected {closer} to close the {construct} opened at {source.Position(openedAt)}, found {found}", source, at);

    public static MdxDiagnostic ExpectedExpression(SourceText source, TextSpan at, string found) =>
        Create(MdxErrorCodes.ExpectedExpression, $"Expected an expression, found {found}", source, at);

    public static MdxDiagnostic UnknownAxisName(SourceText source, TextSpan at, string name, string? suggestion) =>
        Create(MdxErrorCodes.UnknownAxisName, suggestion is null
            ? $"Unknown axis name '{name}'; expected {AxisNames}"
            : $"Unknown axis name '{name}' (did you mean {suggestion}?)", source, at);

    public static MdxDiagnostic InvalidAxisNumber(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.InvalidAxisNumber, $"Invalid axis number {Quote(source, at)}: expected a non-negative integer", source, at);

    public static MdxDiagnostic DuplicateAxis(SourceText source, TextSpan at, string axis) =>
        Create(MdxErrorCodes.DuplicateAxis, $"Axis {axis} is specified more than once", source, at);

    public static MdxDiagnostic TrailingInput(SourceText source, TextSpan at, string found) =>
        Create(MdxErrorCodes.TrailingInput, $"Unexpected {found} after the end of the query", source, at);

    public static MdxDiagnostic NestingTooDeep(SourceText source, TextSpan at, int limit) =>
        Create(MdxErrorCodes.NestingTooDeep, $"Expression is nested too deeply (more than {limit} levels)", source, at);

    public static MdxDiagnostic ExpectedInteger(SourceText source, TextSpan at, string after, string found) =>
        Create(MdxErrorCodes.ExpectedInteger, $"Expected a non-negative integer after {after}, found {found}", source, at);

    public static MdxDiagnostic CaseWithoutWhen(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.CaseWithoutWhen, "CASE expression needs at least one WHEN clause", source, at);

    public static MdxDiagnostic NotNeedsParentheses(SourceText source, TextSpan at) =>
        Create(MdxErrorCodes.NotNeedsParentheses, "NOT cannot be the operand of an arithmetic or comparison operator; enclose the NOT expression in parentheses", source, at);

    public static MdxDiagnostic DuplicateProperty(SourceText source, TextSpan at, string property) =>
        Create(MdxErrorCodes.DuplicateProperty, $"Property '{property}' is specified more than once", source, at);

    public static MdxDiagnostic TrailingFormulaInput(SourceText source, TextSpan at, string found) =>
        Create(MdxErrorCodes.TrailingFormulaInput, $"Unexpected {found} after the end of the quoted formula", source, at);

    /// <summary>How a token is named in messages: its source text in quotes, or "end of input".</summary>
    public static string Describe(SourceText source, Token token, bool inQuotedFormula = false)
    {
        if (token.Kind == TokenKind.EndOfInput) return inQuotedFormula ? "end of the quoted formula" : "end of input";
        return Quote(source, token.Span);
    }

    private static string Quote(SourceText source, TextSpan span)
    {
        const int MaxShown = 40;
        var text = span.Length > MaxShown ? string.Concat(source.Text.AsSpan(span.Start, MaxShown), "…") : source[span];
        return "'" + text + "'";
    }

    private static MdxDiagnostic Create(string code, string message, SourceText source, TextSpan at, MdxSeverity severity = MdxSeverity.Error)
    {
        var (line, column) = source.GetLineColumn(at.Start);
        return new MdxDiagnostic(code, message, line, column, at.Start, at.Length, severity);
    }
}
