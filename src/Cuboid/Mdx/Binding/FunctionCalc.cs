using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary>A call of a function the binder found and checked against its signature; its arguments are bound.</summary>
internal sealed class FunctionCalc : Calc
{
    private readonly MdxFunction _function;
    private readonly FunctionCallSite _site;

    public FunctionCalc(MdxExpression syntax, ILocated at, FunctionSignature signature, MdxFunction function, IReadOnlyList<Calc> arguments, MdxType type, Dependencies dependsOn)
        : base(syntax, type, dependsOn)
    {
        Signature = signature;
        _function = function;
        _site = new FunctionCallSite(signature.Name, arguments, at);
    }

    public FunctionSignature Signature { get; }

    public string Name => Signature.Name;

    public IReadOnlyList<Calc> Arguments => _site.Arguments;

    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        try
        {
            return _function(evaluator, context, _site);
        }
        catch (MissingArgumentException missing) when (ReferenceEquals(missing.Site, _site))
        {
            throw evaluator.Error(_site.At, MdxErrorCodes.WrongArgumentCount, $"Function '{Name}' needs argument {missing.Index + 1}; {_site.Count} given.");
        }
    }
}
