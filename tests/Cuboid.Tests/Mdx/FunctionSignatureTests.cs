using Cuboid.Mdx.Functions;
using Cuboid.Tests.Mdx.Execution;

namespace Cuboid.Tests.Mdx;

/// <summary>Every MDX function declares its signature, and a call is checked against it before it runs.</summary>
[Collection(FoodMartCollection.Name)]
public sealed class FunctionSignatureTests(FoodMartSession foodMart)
{
    [Fact]
    public void EveryFunctionHasASignatureAndEverySignatureAFunction()
    {
        var functions = FunctionTable.Names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unsigned = functions.Where(f => !FunctionSignatures.All.ContainsKey(f)).ToList();
        var unknown = FunctionSignatures.All.Keys.Where(s => !functions.Contains(s)).ToList();
        Assert.True(unsigned.Count == 0, "Functions without a signature: " + string.Join(", ", unsigned));
        Assert.True(unknown.Count == 0, "Signatures without a function: " + string.Join(", ", unknown));
        Assert.All(FunctionSignatures.All.Values, s => Assert.True(s.MinArguments <= s.MaxArguments, s.Name));
        Assert.All(FunctionSignatures.All.Values, s => Assert.True(s.Description.Length > 10 && s.Description.EndsWith('.'), $"{s.Name} has no description"));
        Assert.All(FunctionSignatures.Typed, name => Assert.True(FunctionSignatures.All.ContainsKey(name), $"{name} is given a type but is no function"));
    }

    [Theory]
    [InlineData("Lag", 0, "Member")]
    [InlineData("Lag", 1, "Numeric")]
    [InlineData("Descendants", 1, "Level, Numeric")]
    [InlineData("Descendants", 2, "Symbol")]
    [InlineData("Count", 0, "Set")]
    [InlineData("Item", 0, "Set, Tuple")]
    [InlineData("CrossJoin", 5, "Set")]
    [InlineData("Order", 3, "Symbol")]
    [InlineData("IIf", 1, "Value")]
    [InlineData("InStr", 0, "Value")]
    public void ASignaturesSyntaxSaysWhatEachArgumentTakes(string function, int position, string accepts) =>
        Assert.Equal(accepts, FunctionSignatures.All[function].Parameters.At(position).ToString());

    [Theory]
    [InlineData("SELECT {[Time].[1997].Lag()} ON 0 FROM [Sales]", 1, 9, "Lag is written <Member>.Lag(<Numeric>): 2 argument(s), its target counted; 1 given.")]
    [InlineData("WITH MEMBER [Measures].[X] AS 'IIf(1)' SELECT {[Measures].[X]} ON 0 FROM [Sales]", 1, 32, "IIf is written IIf(<Logical>, <Value>, <Value>): 3 argument(s); 1 given.")]
    [InlineData("SELECT {[Gender].[F].Lag(1, 2)} ON 0 FROM [Sales]", 1, 29, "Lag is written <Member>.Lag(<Numeric>): 2 argument(s), its target counted; 3 given.")]
    [InlineData("SELECT Head([Gender].Members, 1, 2) ON 0 FROM [Sales]", 1, 34, "Head is written Head(<Set>[, <Count>]): 1 to 2 argument(s); 3 given.")]
    [InlineData("WITH MEMBER [Measures].[X] AS 'Pi(1)' SELECT {[Measures].[X]} ON 0 FROM [Sales]", 1, 35, "Pi is written Pi(): 0 argument(s); 1 given.")]
    public void AWrongNumberOfArgumentsIsRefusedWhereItIs(string mdx, int line, int column, string message)
    {
        var error = Assert.Throws<MdxException>(() => { foodMart.Session.QueryMdx(mdx, null, TestContext.Current.CancellationToken); });
        var diagnostic = error.Diagnostics[0];
        Assert.Equal((MdxErrorCodes.WrongArgumentCount, line, column, message), (diagnostic.Code, diagnostic.Line, diagnostic.Column, diagnostic.Message));
    }
}
