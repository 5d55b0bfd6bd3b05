namespace Cuboid.ModelFiles;

/// <summary>
/// A model file's measure formula (<c>[Measures].[Store Sales] - [Measures].[Store Cost]</c>, or any
/// function of the measure language, see <see cref="Measures.MeasureFormula"/>). Unlike a calculated
/// member it is a real measure, usable in <see cref="Cube.Query(IEnumerable{Measure}, IEnumerable{Level}?, Condition?, bool, bool, string?, string?, IEnumerable{string}?)"/> as well as in MDX.
/// </summary>
internal static class MeasureFormulaBinder
{
    public static Measure Bind(ModelContext context, Cube cube, string text, string path) =>
        Measures.MeasureFormula.Bind(cube, text, message => context.Error(path, message));
}
