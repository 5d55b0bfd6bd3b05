namespace Cuboid;

/// <summary>How serious an <see cref="MdxDiagnostic"/> is.</summary>
public enum MdxSeverity
{
    /// <summary>The query cannot run.</summary>
    Error,
    /// <summary>The query runs, but probably not as intended.</summary>
    Warning,
}

/// <summary>
/// A problem found in an MDX query: a stable code (<c>MDX0001</c>… syntax, <c>MDX01xx</c> binding,
/// <c>MDX02xx</c> evaluation), a message naming the thing at fault, and where it is in the query text.
/// </summary>
/// <param name="Code">The stable code, e.g. <c>MDX0003</c>.</param>
/// <param name="Message">The human-readable message.</param>
/// <param name="Line">1-based line of the offending text.</param>
/// <param name="Column">1-based column of the offending text.</param>
/// <param name="Offset">0-based character offset of the offending text in the query.</param>
/// <param name="Length">Length in characters of the offending text (0 at the end of the query).</param>
/// <param name="Severity">Error (the default) or warning.</param>
public sealed record MdxDiagnostic(string Code, string Message, int Line, int Column, int Offset, int Length, MdxSeverity Severity = MdxSeverity.Error)
{
    /// <summary>"MDX0003 (2:14): message".</summary>
    public override string ToString() => $"{Code} ({Line}:{Column}): {Message}";
}
