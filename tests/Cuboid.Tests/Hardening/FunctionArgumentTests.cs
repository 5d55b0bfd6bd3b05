using Cuboid.Mdx.Functions;
using Cuboid.Tests.Mdx.Execution;

namespace Cuboid.Tests.Hardening;

/// <summary>
/// Every MDX function, called with missing, extra or wrongly typed arguments, as a value and as a
/// set: the answer is a result or an MdxException naming the problem, never another exception
/// (which the server would have to turn into a 500).
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class FunctionArgumentTests(FoodMartSession foodMart)
{
    private static readonly string[] s_arguments =
    [
        "", "[Product].Children", "[Product].Children, 1", "[Product].Children, -1, [Measures].[Unit Sales]", "1", "1, 2, 3, 4",
        "\"x\"", "NULL", "[Time].[1997]", "[Time].[1997], [Time].[1997]", "[Store].[Store Country]", "[Measures].[Unit Sales], 0",
        "{}", "{}, {}", "[Gender].[F], 1e300", ",",
    ];

    public static TheoryData<string> Functions => new(FunctionTable.Names.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Functions))]
    public void AnyArgumentsGiveAResultOrAnMdxError(string function)
    {
        var unexpected = new List<string>();
        foreach (var arguments in s_arguments)
        {
            foreach (var mdx in new[]
            {
                $"WITH MEMBER [Measures].[X] AS {function}({arguments}) SELECT [Measures].[X] ON 0 FROM [Sales]",
                $"SELECT {{{function}({arguments})}} ON 0 FROM [Sales]",
                $"SELECT {{[Product].Children.{function}({arguments})}} ON 0 FROM [Sales]",
            })
            {
                try
                {
                    foodMart.Session.QueryMdx(mdx, new QueryOptions { Timeout = TimeSpan.FromSeconds(20) }, TestContext.Current.CancellationToken);
                }
                catch (MdxException)
                {
                }
                catch (Exception e)
                {
                    unexpected.Add($"{mdx}\n  {e.GetType().Name}: {e.Message}");
                }
            }
        }
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }
}
