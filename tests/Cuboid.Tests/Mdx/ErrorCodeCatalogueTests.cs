using System.Text.RegularExpressions;
using Cuboid.Tests.Mdx.Execution;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Mdx;

/// <summary>
/// The MDX error codes are one catalogue (<see cref="MdxErrorCodes"/>), and each is tested for its code and
/// position: by a case of Mdx/Cases/errors.mdxtest (one per code a query on FoodMart can cause), or by the
/// test named here for the few that need another setting.
/// </summary>
public sealed partial class ErrorCodeCatalogueTests
{
    /// <summary>Codes a query on FoodMart cannot cause, and the test that causes each.</summary>
    private static readonly Dictionary<string, string> s_testedElsewhere = new()
    {
        [MdxErrorCodes.NotAMemberName] = nameof(ACalculatedMemberNamedByNoMemberNameIsRefused),
        [MdxErrorCodes.SlicerOnParameter] = "Measures.ParameterTests",
        [MdxErrorCodes.NoTimeDimension] = nameof(ATimeFunctionWithoutMemberNeedsATimeDimension),
        [MdxErrorCodes.Timeout] = "Mdx.Execution.QueryLimitsTests, Hardening.RunawayQueryTests",
        [MdxErrorCodes.TooManyCells] = "Mdx.Execution.QueryLimitsTests",
        [MdxErrorCodes.DrillthroughOfCalculated] = "Mdx.Execution.DrillthroughTests",
        [MdxErrorCodes.NotADrillthrough] = "Mdx.Execution.DrillthroughTests",
        // Guards of the evaluator that a parsed query does not reach: the parser reports a syntax error
        // before any evaluation, and every node it makes has a value.
        [MdxErrorCodes.SyntaxErrorReached] = "(none: unreachable after parsing)",
        [MdxErrorCodes.CannotEvaluate] = "(none: unreachable after parsing)",
    };

    [Fact]
    public void CodesAreWellFormedAndDistinct()
    {
        Assert.All(MdxErrorCodes.All, c => Assert.Matches(CodePattern(), c.Code));
        Assert.Equal(MdxErrorCodes.All.Count, MdxErrorCodes.All.Select(c => c.Code).Distinct().Count());
        Assert.Equal(MdxErrorCodes.All.Count, MdxErrorCodes.All.Select(c => c.Name).Distinct().Count());
        Assert.All(MdxErrorCodes.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Summary), c.Code));
    }

    [Fact]
    public void EveryCodeIsTestedForItsCodeAndPosition()
    {
        var cases = MdxCase.Read(Path.Combine(AppContext.BaseDirectory, "Mdx", "Cases", "errors.mdxtest")).ToList();
        var caused = cases.Where(c => c.ExpectedError is not null).Select(c => c.ExpectedError!.Value.Code).ToHashSet();
        var untested = MdxErrorCodes.All.Select(c => c.Code).Where(c => !caused.Contains(c) && !s_testedElsewhere.ContainsKey(c)).ToList();
        Assert.True(untested.Count == 0, $"No case of errors.mdxtest causes {string.Join(", ", untested)}: add one, or name the test that does.");
        // Each case of errors.mdxtest is named by the code it causes.
        Assert.All(cases, c => Assert.StartsWith(c.ExpectedError!.Value.Code + ":", c.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void ACalculatedMemberNamedByNoMemberNameIsRefused()
    {
        using var session = TestData.NewSession();
        FoodMart.Build(session);
        var error = Assert.Throws<MdxException>(() => { session.Cubes["Sales"].CalculatedMembers.Add("1 + 2", "3"); });
        Assert.Equal((MdxErrorCodes.NotAMemberName, 1, 1), (error.Diagnostics[0].Code, error.Diagnostics[0].Line, error.Diagnostics[0].Column));
    }

    [Fact]
    public void ATimeFunctionWithoutMemberNeedsATimeDimension()
    {
        using var session = TestData.NewSession();
        var table = session.ReadRecords(new[] { new { Region = "EU", Amount = 1.0 }, new { Region = "US", Amount = 2.0 } });
        var cube = session.CreateCube(table, "Small");
        const string mdx = "WITH MEMBER [Measures].[X] AS 'Count(Ytd())' SELECT {[Measures].[X]} ON 0 FROM [Small]";
        var error = Assert.Throws<MdxException>(() => { session.QueryMdx(mdx, null, TestContext.Current.CancellationToken); });
        Assert.Equal((MdxErrorCodes.NoTimeDimension, 1, 38), (error.Diagnostics[0].Code, error.Diagnostics[0].Line, error.Diagnostics[0].Column));
        Assert.NotNull(cube);
    }

    [GeneratedRegex(@"^MDX\d{4}$")]
    private static partial Regex CodePattern();
}
