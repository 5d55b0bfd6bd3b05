namespace Cuboid;

/// <summary>An MDX query that cannot be parsed, bound or evaluated; <see cref="Diagnostics"/> say what and where.</summary>
public sealed class MdxException(IReadOnlyList<MdxDiagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
{
    /// <summary>The problems, each with a code (MDX0001…), a message and a line:column.</summary>
    public IReadOnlyList<MdxDiagnostic> Diagnostics { get; } = diagnostics;
}
