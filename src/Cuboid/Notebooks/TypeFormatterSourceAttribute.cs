namespace Cuboid.Notebooks;

/// <summary>
/// Names the formatters a notebook uses for a type. .NET Interactive (Polyglot Notebooks) finds an attribute of this name
/// on a displayed value's type and calls its source's <c>CreateTypeFormatters</c>, reading the formatters it returns by their
/// members (<c>MimeType</c>, <c>Type</c>, <c>Format(object, TextWriter)</c>): the engine shows rich results in a notebook
/// without referencing the notebook's packages.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;
}
