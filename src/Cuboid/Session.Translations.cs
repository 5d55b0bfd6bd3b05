using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cuboid;

public sealed partial class Session
{
    private static readonly JsonSerializerOptions s_template = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes to <paramref name="path"/> a translation file to start from (Atoti's <c>export_translations_template</c>):
    /// every cube, dimension, hierarchy, level and measure of the session's cubes by name, each mapped to itself, in the
    /// lexicons <see cref="I18nConfig.Translations"/> reads; and the members of <paramref name="memberLevels"/> (the
    /// ones worth translating: categories, countries — not customers) by unique name. Translate the values, name the
    /// file after its locale (<c>fr.json</c>) and put it in the translations folder.
    /// </summary>
    public void ExportTranslationsTemplate(string path, IEnumerable<Level>? memberLevels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ThrowIfClosed();
        var chosen = (memberLevels ?? []).ToList();
        if (chosen.FirstOrDefault(l => !Cubes.Values.Contains(l.Hierarchy.Cube)) is { } stranger)
        {
            throw new ArgumentException($"Level {stranger.UniqueName} is not a level of this session's cubes.", nameof(memberLevels));
        }
        var lexicons = Enum.GetValues<Lexicon>().Where(l => l is not Lexicon.General and not Lexicon.App)
            .ToDictionary(l => l, _ => new SortedDictionary<string, string>(StringComparer.Ordinal));
        void Add(Lexicon lexicon, string name) => lexicons[lexicon][name] = name;
        foreach (var cube in Cubes.Values)
        {
            var structure = cube.Describe();
            Add(Lexicon.Cubes, structure.Name);
            foreach (var hierarchy in structure.Hierarchies)
            {
                Add(Lexicon.Dimensions, hierarchy.Dimension);
                Add(Lexicon.Hierarchies, hierarchy.Name);
                foreach (var level in hierarchy.Levels.Where(l => l.Name != "(All)")) Add(Lexicon.Levels, level.Name);
            }
            foreach (var measure in structure.Measures) Add(Lexicon.Measures, measure.Name);
            foreach (var level in chosen.Where(l => l.Hierarchy.Cube == cube))
            {
                // Level.UniqueName names the model's level; MDX's name of it is the same text.
                foreach (var member in cube.Members(level.UniqueName, limit: int.MaxValue).Members) lexicons[Lexicon.Members][member.UniqueName] = member.Caption;
            }
        }
        var document = lexicons.ToDictionary(l => Translations.NameOf(l.Key), l => l.Value);
        var json = JsonSerializer.Serialize(document, s_template);
        File.WriteAllText(path, json + Environment.NewLine);
    }
}
