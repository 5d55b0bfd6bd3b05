using Cuboid.Mdx.Binding;
using System.Collections.Concurrent;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

/// <summary>
/// Between MDX text and members, tuples and sets: StrToMember, StrToTuple, StrToSet read a string as
/// MDX and evaluate it where they are called; MemberToStr, TupleToStr and SetToStr write unique names.
/// </summary>
internal static class StringFunctions
{
    private const int CacheLimit = 1000;

    // The same string is parsed once, not once per cell (StrToMember("[Time].[" + … + "]") in a formula).
    private static readonly ConcurrentDictionary<string, MdxExpressionParseResult> s_parsed = new(StringComparer.Ordinal);

    public static void Register()
    {
        FunctionTable.Add("StrToMember", (e, c, f) => e.AsMember(Read(e, c, f, text => text), f[0]));
        // Mondrian takes the hierarchies of the tuples after the string; SSAS does not: both are accepted, and the text may leave out the parentheses and braces.
        FunctionTable.Add("StrToTuple", (e, c, f) => Read(e, c, f, text => text.TrimStart().StartsWith('(') ? text : "(" + text + ")"));
        FunctionTable.Add("StrToSet", (e, c, f) => e.AsSet(Read(e, c, f, text => "{" + text + "}"), f[0]));
        FunctionTable.Add("MemberToStr", (e, c, f) => e.MemberOf(e.Evaluate(f[0], c), f[0], c).UniqueName);
        FunctionTable.Add("TupleToStr", (e, c, f) => e.Evaluate(f[0], c) switch
        {
            null => "",
            MdxMember[] t => TupleText(t),
            var value => TupleText([e.MemberOf(value, f[0], c)]),
        });
        FunctionTable.Add("SetToStr", (e, c, f) => "{" + string.Join(", ", SetFunctions.Set(e, c, f[0]).Tuples.Select(TupleText)) + "}");
    }

    private static string TupleText(MdxMember[] tuple) =>
        tuple.Length == 1 ? tuple[0].UniqueName : "(" + string.Join(", ", tuple.Select(m => m.UniqueName)) + ")";

    /// <summary>
    /// Parses the string argument (after <paramref name="shape"/>) and evaluates it in the caller's
    /// context; a syntax or evaluation error in it is reported at the argument, quoting the text.
    /// </summary>
    private static object? Read(Evaluator e, MdxContext c, FunctionCallSite f, Func<string, string> shape) =>
        Evaluate(e, c, f, Evaluator.Text(e.EvaluateScalar(f[0], c)), shape);

    /// <summary>MDX text given to a function (its first argument) evaluated in the caller's context, errors reported at that argument.</summary>
    internal static object? Evaluate(Evaluator e, MdxContext c, FunctionCallSite f, string text, Func<string, string>? shape = null)
    {
        var parsed = Parse(shape is null ? text : shape(text));
        if (parsed.HasErrors)
        {
            throw e.Error(f[0], MdxErrorCodes.NotMdxText, $"{f.Name}: \"{text}\" is not MDX: {parsed.Diagnostics[0].Message}.");
        }
        try
        {
            return e.Evaluate(parsed.Expression, c);
        }
        catch (MdxEvaluationException inner)
        {
            throw e.Error(f[0], inner.Diagnostic.Code, $"{f.Name}(\"{text}\"): {inner.Diagnostic.Message}");
        }
    }

    private static MdxExpressionParseResult Parse(string text)
    {
        if (s_parsed.TryGetValue(text, out var known)) return known;
        if (s_parsed.Count >= CacheLimit) s_parsed.Clear();
        return s_parsed[text] = MdxParser.ParseExpression(text);
    }
}
