using System.Text.RegularExpressions;
using Cuboid.Mdx.Binding;

namespace Cuboid.Mdx.Functions;

/// <summary>What an argument position of a function takes, read from the signature's syntax.</summary>
[Flags]
internal enum Accepts
{
    None = 0,
    Set = 1,
    Tuple = 2,
    Member = 4,
    Level = 8,
    Hierarchy = 16,
    Dimension = 32,
    Numeric = 64,
    String = 128,
    Logical = 256,
    Symbol = 512,

    /// <summary>Any value (IIf's branches, CoalesceEmpty's operands, Order's key).</summary>
    Value = 1024,
}

/// <summary>
/// The argument positions of a signature, read from its syntax (<c>&lt;Member&gt;.Lag(&lt;Numeric&gt;)</c>: a member,
/// then a number); the binder refuses an argument whose static type no position's kinds take (MDX0112). The
/// check is loose where MDX converts (a member is a value, a set of one, its level, its hierarchy) and as strict as
/// Mondrian's between numbers and strings.
/// </summary>
internal sealed partial class SignatureSyntax
{
    private readonly List<Accepts> _positions;
    private readonly bool _repeats;

    private SignatureSyntax(List<Accepts> positions, bool repeats) => (_positions, _repeats) = (positions, repeats);

    /// <summary>What position <paramref name="index"/> takes (the target of a method counted first); everything past the declared ones, unless the last repeats.</summary>
    public Accepts At(int index) =>
        index < _positions.Count ? _positions[index] : _repeats && _positions.Count > 0 ? _positions[^1] : Accepts.Value;

    /// <summary>Reads <paramref name="syntax"/>; alternatives written <c>a / b</c> take what either takes at each position.</summary>
    public static SignatureSyntax Parse(string syntax)
    {
        var positions = new List<Accepts>();
        var repeats = false;
        foreach (var form in syntax.Split(" / "))
        {
            var (kinds, repeat) = Form(form);
            repeats |= repeat;
            for (var i = 0; i < kinds.Count; i++)
            {
                if (i < positions.Count) positions[i] |= kinds[i];
                else positions.Add(kinds[i]);
            }
        }
        return new SignatureSyntax(positions, repeats);
    }

    private static (List<Accepts> Kinds, bool Repeats) Form(string form)
    {
        var kinds = new List<Accepts>();
        var open = form.IndexOf('(');
        var head = open < 0 ? form : form[..open];
        if (head.StartsWith('<')) kinds.Add(Kinds(head[..(head.IndexOf('>') + 1)]));   // <Member>.Lag(…): the target first
        if (open < 0) return (kinds, false);
        var arguments = form[(open + 1)..form.LastIndexOf(')')];
        // An optional argument before a required one (InStr([<Start>, ]<String>, …)) shifts the positions: not checked.
        if (arguments.Contains(", ]", StringComparison.Ordinal)) return ([], true);
        var repeats = false;
        foreach (var piece in arguments.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split(','))
        {
            var text = piece.Trim();
            if (text.Length == 0 && arguments.Length == 0) break;
            if (text.EndsWith("...", StringComparison.Ordinal))
            {
                repeats = true;
                text = text[..^3];
            }
            kinds.Add(text.Length == 0 ? Accepts.Value : Kinds(text));
        }
        return (kinds, repeats);
    }

    /// <summary><c>&lt;Level&gt;|&lt;Distance&gt;</c>, <c>&lt;Member|Level&gt;</c>, <c>ASC|DESC</c>…</summary>
    private static Accepts Kinds(string piece)
    {
        var kinds = Accepts.None;
        foreach (Match token in Token().Matches(piece))
        {
            if (token.Groups["kind"].Success)
            {
                foreach (var name in token.Groups["kind"].Value.Split('|')) kinds |= Kind(name.Trim());
            }
            else
            {
                kinds |= Accepts.Symbol;
            }
        }
        return kinds == Accepts.None ? Accepts.Value : kinds;
    }

    private static Accepts Kind(string name) => name switch
    {
        "Set" => Accepts.Set,
        "Tuple" => Accepts.Tuple,
        "Member" or "Ancestor member" => Accepts.Member,
        "Level" => Accepts.Level,
        "Hierarchy" => Accepts.Hierarchy,
        "Dimension" => Accepts.Dimension,
        "Numeric" or "Count" or "Index" or "Distance" or "Percentage" or "Percent" or "Start" or "Length" or "Decimals" or "Code"
            or "Year" or "Month" or "Day" or "Hour" or "Minute" or "Second" => Accepts.Numeric,
        "String" or "Search" or "Find" or "Replacement" or "Character" or "Pattern" or "Separator" or "Format" or "Interval" => Accepts.String,
        "Logical" => Accepts.Logical,
        "Flag" => Accepts.Symbol,
        _ => Accepts.Value,   // <Value>, <Date>, <Set alias>: anything
    };

    /// <summary>Whether an argument of static type <paramref name="type"/> may stand where <paramref name="accepts"/>.</summary>
    public static bool Takes(Accepts accepts, MdxType type)
    {
        if ((accepts & Accepts.Value) != 0) return true;
        return type switch
        {
            MdxType.Set => (accepts & Accepts.Set) != 0,
            MdxType.Level => (accepts & (Accepts.Level | Accepts.Set | Accepts.Hierarchy | Accepts.Dimension | Accepts.String | Accepts.Symbol)) != 0,
            MdxType.Hierarchy => (accepts & ~(Accepts.Numeric | Accepts.String | Accepts.Logical)) != 0,
            MdxType.Dimension => (accepts & ~(Accepts.Numeric | Accepts.Logical)) != 0,
            // As in Mondrian: a number is no string and a string no number (Len(12), Head(s, "1") are refused); a number is a logical value.
            MdxType.Numeric or MdxType.Logical => (accepts & (Accepts.Numeric | Accepts.Logical | Accepts.Symbol)) != 0,
            MdxType.String => (accepts & (Accepts.String | Accepts.Symbol)) != 0,
            _ => true,   // members and tuples convert to nearly anything; unknown types are for evaluation to judge
        };
    }

    [GeneratedRegex(@"<(?<kind>[^>]+)>|\b[A-Z_]{2,}\b")]
    private static partial Regex Token();
}
