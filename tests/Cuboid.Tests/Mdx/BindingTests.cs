using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;
using Cuboid.Tests.Mdx.Execution;

namespace Cuboid.Tests.Mdx;

/// <summary>
/// The bind stage on FoodMart: the static type of what an expression denotes, the hierarchies its value depends
/// on, and the fast paths chosen while binding (a named measure, a set computed once).
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class BindingTests(FoodMartSession foodMart)
{
    private T WithBinder<T>(string text, Func<Binder, Calc, MdxCatalog, T> use)
    {
        var cube = foodMart.Cube;
        var scenario = Session.BaseScenario;
        var catalog = cube.Catalogs.Rent(cube, cube.SnapshotOf(scenario), scenario);
        try
        {
            var binder = new Binder(catalog, new SourceText(text));
            return use(binder, binder.Bind(MdxParser.ParseExpression(text).Expression), catalog);
        }
        finally
        {
            cube.Catalogs.Return(catalog);
        }
    }

    [Theory]
    [InlineData("[Gender].[F]", "Member")]
    [InlineData("[Gender].[Gender]", "Level")]
    [InlineData("[Gender]", "Hierarchy")]
    [InlineData("[Gender].Members", "Set")]
    [InlineData("[Time].CurrentMember", "Member")]
    [InlineData("[Time].[1997].Children.Item(0)", "Unknown")]
    [InlineData("1 + 2", "Numeric")]
    [InlineData("[Measures].[Unit Sales] + 1", "Unknown")]
    [InlineData("\"a\" || \"b\"", "String")]
    [InlineData("IIf(1 = 1, [Gender].[F], NULL)", "Member")]
    [InlineData("IIf(1 = 1, 1, \"a\")", "Unknown")]
    [InlineData("[Gender].[F] * [Marital Status].[S]", "Set")]
    [InlineData("([Gender].[F], [Marital Status].[S])", "Tuple")]
    [InlineData("Count([Gender].Members)", "Numeric")]
    [InlineData("[Gender].[F].Name", "String")]
    [InlineData("IsEmpty([Measures].[Unit Sales])", "Logical")]
    public void AnExpressionHasTheStaticTypeOfWhatItDenotes(string text, string type) =>
        Assert.Equal(type, WithBinder(text, (_, calc, _) => calc.Type.ToString()));

    [Theory]
    [InlineData("{[Gender].[F], [Gender].[M]}", "")]
    [InlineData("Descendants([Store].[USA], [Store].[Store City])", "")]
    [InlineData("Head([Gender].Members, 1)", "")]
    [InlineData("[Time].CurrentMember.Children", "Time")]
    [InlineData("[Product].Children", "Product")]
    [InlineData("([Time].CurrentMember, [Gender].[F])", "Time")]
    [InlineData("{[Time].CurrentMember} * {[Store].CurrentMember.Parent}", "Store,Time")]
    [InlineData("Head([Gender].Members, [Measures].[Unit Sales])", "*")]
    [InlineData("Filter([Gender].Members, [Measures].[Unit Sales] > 0)", "*")]
    [InlineData("[Measures].[Unit Sales] * 2", "*")]
    public void AnExpressionKnowsTheHierarchiesItDependsOn(string text, string hierarchies)
    {
        var found = WithBinder(text, (_, calc, catalog) => calc.DependsOn.All ? "*"
            : string.Join(",", catalog.Hierarchies.Where(h => calc.DependsOn.DependsOn(h.Ordinal)).Select(h => h.Name).Order(StringComparer.Ordinal)));
        Assert.Equal(hierarchies, found);
    }

    [Fact]
    public void ASetThatDependsOnNothingIsComputedOncePerQuery()
    {
        var (constant, first, second) = WithBinder("{[Gender].[F], [Gender].[M]}", (binder, calc, catalog) =>
        {
            var evaluator = new Evaluator(catalog, new CellReader(null), binder);
            var context = new MdxContext([.. catalog.Hierarchies.Select(h => h.DefaultMember ?? h.AllMember!)]);
            return (calc is ConstantSetCalc, evaluator.Evaluate(calc, context), evaluator.Evaluate(calc, context));
        });
        Assert.True(constant);
        Assert.Same(first, second);
        Assert.Equal(["[Gender].[F]", "[Gender].[M]"], ((MdxSet)first!).Tuples.Select(t => t[0].UniqueName));
    }

    [Fact]
    public void ANamedMeasureIsBoundForReadingInBulkAndAKeywordStaysAKeyword()
    {
        var (measure, keyword) = WithBinder("Order([Gender].Members, [Measures].[Unit Sales], BDESC)", (_, calc, _) =>
        {
            var order = (FunctionCalc)calc;
            return (order.Arguments[1], order.Arguments[2]);
        });
        Assert.Equal("Unit Sales", Assert.IsType<MeasureCalc>(measure).Measure.Name);
        Assert.True(Assert.IsType<SymbolCalc>(keyword).Is("BDESC"));
    }

    [Fact]
    public void TheSameNodeIsBoundOnce()
    {
        var same = WithBinder("[Gender].Members", (binder, calc, _) => ReferenceEquals(binder.Bind(calc.Syntax), calc));
        Assert.True(same);
    }
}
