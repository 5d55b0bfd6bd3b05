using Cuboid.Results;
using Cuboid.Tests.Mdx.Execution;

namespace Cuboid.Tests.Mdx;

/// <summary>
/// The MDX tests written as data (<c>Mdx/Cases/*.mdxtest</c>, see <see cref="MdxCase"/>): each query
/// runs on FoodMart and must print Mondrian's answer, or fail with the expected code at the expected
/// position. A new function or pattern comes with a file of cases checked against the live Mondrian
/// (tools/mdxtest-oracle).
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class MdxCaseTests(FoodMartSession foodMart)
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Mdx", "Cases");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Folder, "*.mdxtest").Order(StringComparer.Ordinal))
        {
            foreach (var item in MdxCase.Read(file)) data.Add(item.File, item.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivesMondriansAnswer(string file, string name)
    {
        var item = MdxCase.Read(Path.Combine(Folder, file)).Single(c => c.Name == name);
        if (item.ExpectedError is { } error)
        {
            var thrown = Assert.Throws<MdxException>(() => foodMart.Session.QueryMdx(item.Mdx, null, TestContext.Current.CancellationToken));
            var diagnostic = thrown.Diagnostics[0];
            Assert.Equal($"{error.Code} at {error.Line}:{error.Column}", $"{diagnostic.Code} at {diagnostic.Line}:{diagnostic.Column}");
            return;
        }
        var cells = foodMart.Session.QueryMdx(item.Mdx, null, TestContext.Current.CancellationToken).CellSet!;
        Assert.Equal(Normalize(item.Expected), Normalize(TraditionalText.Render(cells)));
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();
}
