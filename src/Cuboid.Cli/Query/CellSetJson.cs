using System.Text;
using System.Text.Json;

namespace Cuboid.Cli.Query;

/// <summary>A cell set as JSON: axes → positions → members, the slicer, and cells with raw and formatted values.</summary>
internal static class CellSetJson
{
    public static string Render(CellSet cells)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("axes");
            foreach (var axis in cells.Axes) Axis(json, axis);
            json.WriteEndArray();
            json.WritePropertyName("slicer");
            Axis(json, cells.Slicer);
            json.WriteStartArray("cells");
            foreach (var cell in cells.Cells)
            {
                json.WriteStartObject();
                json.WriteNumber("ordinal", cell.Ordinal);
                json.WritePropertyName("value");
                Value(json, cell.Value);
                json.WriteString("formattedValue", cell.FormattedValue);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n");
    }

    private static void Axis(Utf8JsonWriter json, CellSetAxis axis)
    {
        json.WriteStartObject();
        json.WriteNumber("ordinal", axis.Ordinal);
        json.WriteString("name", axis.Name);
        json.WriteStartArray("positions");
        foreach (var position in axis.Positions)
        {
            json.WriteStartObject();
            json.WriteNumber("ordinal", position.Ordinal);
            json.WriteStartArray("members");
            foreach (var member in position.Members)
            {
                json.WriteStartObject();
                json.WriteString("uniqueName", member.UniqueName);
                json.WriteString("caption", member.Caption);
                json.WriteString("levelUniqueName", member.LevelUniqueName);
                json.WriteNumber("depth", member.Depth);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case bool b: json.WriteBooleanValue(b); break;
            // NaN and infinities have no JSON number; strings and others as their invariant text.
            case IFormattable f: json.WriteStringValue(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }
}
