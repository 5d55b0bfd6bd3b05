namespace Cuboid;

/// <summary>
/// Every code an <see cref="MdxDiagnostic"/> can carry, in one place: MDX00xx are syntax errors (the parser),
/// MDX01xx names and the query's shape (binding), MDX02xx evaluation, MDX03xx limits and DRILLTHROUGH.
/// <see cref="All"/> lists them with a summary, for documentation and for clients (XMLA's schema rowsets).
/// A code, once given, keeps its meaning.
/// </summary>
public static class MdxErrorCodes
{
    /// <summary>A character that starts no token.</summary>
    public const string UnexpectedCharacter = "MDX0001";

    /// <summary>A string literal without its closing quote.</summary>
    public const string UnterminatedString = "MDX0002";

    /// <summary>A bracketed name without its closing ']'.</summary>
    public const string UnterminatedIdentifier = "MDX0003";

    /// <summary>A block comment without its closing '*/'.</summary>
    public const string UnterminatedComment = "MDX0004";

    /// <summary>A number with an exponent and no digits after it.</summary>
    public const string InvalidNumber = "MDX0005";

    /// <summary>'&amp;' not followed by a member key.</summary>
    public const string ExpectedMemberKey = "MDX0006";

    /// <summary>A token where the grammar expects another.</summary>
    public const string UnexpectedToken = "MDX0010";

    /// <summary>A parenthesis, brace or CASE without its closing token.</summary>
    public const string Unclosed = "MDX0011";

    /// <summary>An expression is missing.</summary>
    public const string ExpectedExpression = "MDX0012";

    /// <summary>An axis name that is not COLUMNS, ROWS, PAGES, SECTIONS, CHAPTERS or AXIS(n).</summary>
    public const string UnknownAxisName = "MDX0013";

    /// <summary>An axis number that is not a non-negative integer.</summary>
    public const string InvalidAxisNumber = "MDX0014";

    /// <summary>The same axis twice.</summary>
    public const string DuplicateAxis = "MDX0015";

    /// <summary>Text after the end of the query.</summary>
    public const string TrailingInput = "MDX0016";

    /// <summary>Expressions, or calculated members, nested deeper than the limit.</summary>
    public const string NestingTooDeep = "MDX0017";

    /// <summary>A non-negative integer is missing (after MAXROWS, FIRSTROWOSET…).</summary>
    public const string ExpectedInteger = "MDX0018";

    /// <summary>A CASE without WHEN.</summary>
    public const string CaseWithoutWhen = "MDX0019";

    /// <summary>NOT as an operand of an arithmetic or comparison operator.</summary>
    public const string NotNeedsParentheses = "MDX0020";

    /// <summary>A calculated member property given twice.</summary>
    public const string DuplicateProperty = "MDX0021";

    /// <summary>Text after the end of a quoted formula.</summary>
    public const string TrailingFormulaInput = "MDX0022";

    /// <summary>A name that is no dimension, hierarchy, level or top member of the cube.</summary>
    public const string UnknownName = "MDX0100";

    /// <summary>A name that several levels have.</summary>
    public const string AmbiguousName = "MDX0101";

    /// <summary>A member or measure the cube does not have.</summary>
    public const string UnknownMember = "MDX0102";

    /// <summary>A cube the session does not have.</summary>
    public const string UnknownCube = "MDX0103";

    /// <summary>A calculated member named neither under a hierarchy nor under a member.</summary>
    public const string BadCalculatedMemberName = "MDX0104";

    /// <summary>A calculated member name that is not a member name.</summary>
    public const string NotAMemberName = "MDX0105";

    /// <summary>A function Cuboid does not have.</summary>
    public const string UnknownFunction = "MDX0110";

    /// <summary>A function given too few or too many arguments.</summary>
    public const string WrongArgumentCount = "MDX0111";

    /// <summary>An argument of a type its function's signature does not take, found when the query is bound.</summary>
    public const string ArgumentType = "MDX0112";

    /// <summary>A slicer set holding members that are not on a level.</summary>
    public const string SlicerNotOfLevels = "MDX0121";

    /// <summary>A slicer set holding members of a parameter hierarchy.</summary>
    public const string SlicerOnParameter = "MDX0122";

    /// <summary>The same hierarchy on two axes.</summary>
    public const string HierarchyOnTwoAxes = "MDX0130";

    /// <summary>Axes not numbered from 0 without gaps (ROWS without COLUMNS).</summary>
    public const string AxisGap = "MDX0132";

    /// <summary>Evaluation reached a part of the query that did not parse.</summary>
    public const string SyntaxErrorReached = "MDX0200";

    /// <summary>An expression that has no value.</summary>
    public const string CannotEvaluate = "MDX0201";

    /// <summary>A tuple made of something other than members.</summary>
    public const string TupleOfNonMembers = "MDX0202";

    /// <summary>A tuple, or a crossjoin's tuples, with two members of one hierarchy.</summary>
    public const string HierarchyTwiceInTuple = "MDX0203";

    /// <summary>A range whose ends are not two members of one level.</summary>
    public const string BadRange = "MDX0204";

    /// <summary>A sort key that is neither a number nor a string.</summary>
    public const string BadSortKey = "MDX0205";

    /// <summary>Extract of a hierarchy the set's tuples do not have.</summary>
    public const string ExtractHierarchy = "MDX0206";

    /// <summary>A set whose tuples have different hierarchies.</summary>
    public const string MixedSet = "MDX0207";

    /// <summary>A set was expected.</summary>
    public const string SetExpected = "MDX0210";

    /// <summary>A member was expected.</summary>
    public const string MemberExpected = "MDX0211";

    /// <summary>A hierarchy was expected.</summary>
    public const string HierarchyExpected = "MDX0212";

    /// <summary>A level was expected.</summary>
    public const string LevelExpected = "MDX0213";

    /// <summary>A number (or a date) was expected.</summary>
    public const string NumberExpected = "MDX0214";

    /// <summary>Calculated members that refer to each other without end.</summary>
    public const string EndlessRecursion = "MDX0221";

    /// <summary>A named set that refers to itself.</summary>
    public const string NamedSetCycle = "MDX0222";

    /// <summary>Members of something that is no level, hierarchy or dimension.</summary>
    public const string MembersOfWhat = "MDX0230";

    /// <summary>A time function that finds no level of the period it needs.</summary>
    public const string PeriodLevelMissing = "MDX0232";

    /// <summary>A time function without a member, in a cube without a Time dimension.</summary>
    public const string NoTimeDimension = "MDX0233";

    /// <summary>A level a hierarchy does not have.</summary>
    public const string UnknownLevel = "MDX0240";

    /// <summary>Ancestor of something that is neither a level nor a distance.</summary>
    public const string AncestorArgument = "MDX0241";

    /// <summary>A member property the level does not have.</summary>
    public const string UnknownProperty = "MDX0242";

    /// <summary>Rank of something that is neither a member nor a tuple.</summary>
    public const string RankArgument = "MDX0250";

    /// <summary>StrToMember, StrToSet, StrToTuple or Levels of text that is not MDX.</summary>
    public const string NotMdxText = "MDX0260";

    /// <summary>A function argument out of its range (a length, an interval, a date).</summary>
    public const string BadFunctionArgument = "MDX0261";

    /// <summary>Cast not written Cast(value AS type), or to an unknown type.</summary>
    public const string BadCast = "MDX0262";

    /// <summary>MATCHES with a pattern that is not a regular expression, or too slow.</summary>
    public const string BadRegularExpression = "MDX0263";

    /// <summary>CurrentOrdinal of a set that is not being iterated.</summary>
    public const string NotIterating = "MDX0264";

    /// <summary>The query ran past its time limit, or was cancelled.</summary>
    public const string Timeout = "MDX0300";

    /// <summary>The result would have more cells than the limit.</summary>
    public const string TooManyCells = "MDX0301";

    /// <summary>A set would have more tuples than the limit.</summary>
    public const string SetTooLarge = "MDX0302";

    /// <summary>DRILLTHROUGH of a SELECT whose axes hold more than one cell.</summary>
    public const string DrillthroughOfSeveralCells = "MDX0310";

    /// <summary>DRILLTHROUGH under a calculated member.</summary>
    public const string DrillthroughOfCalculated = "MDX0311";

    /// <summary>A RETURN column that is no column, level or measure of the cube.</summary>
    public const string BadReturnColumn = "MDX0312";

    /// <summary>A RETURN measure that is not an aggregation of fact rows.</summary>
    public const string ReturnNotOfRows = "MDX0313";

    /// <summary>DrillthroughMdx of a statement other than DRILLTHROUGH.</summary>
    public const string NotADrillthrough = "MDX0314";

    /// <summary>Every code, in order, with its name and what it means.</summary>
    public static IReadOnlyList<MdxErrorCode> All { get; } =
    [
        new(UnexpectedCharacter, nameof(UnexpectedCharacter), "A character that starts no token."),
        new(UnterminatedString, nameof(UnterminatedString), "A string literal without its closing quote."),
        new(UnterminatedIdentifier, nameof(UnterminatedIdentifier), "A bracketed name without its closing ']'."),
        new(UnterminatedComment, nameof(UnterminatedComment), "A block comment without its closing '*/'."),
        new(InvalidNumber, nameof(InvalidNumber), "A number with an exponent and no digits after it."),
        new(ExpectedMemberKey, nameof(ExpectedMemberKey), "'&' not followed by a member key."),
        new(UnexpectedToken, nameof(UnexpectedToken), "A token where the grammar expects another."),
        new(Unclosed, nameof(Unclosed), "A parenthesis, brace or CASE without its closing token."),
        new(ExpectedExpression, nameof(ExpectedExpression), "An expression is missing."),
        new(UnknownAxisName, nameof(UnknownAxisName), "An axis name that is not COLUMNS, ROWS, PAGES, SECTIONS, CHAPTERS or AXIS(n)."),
        new(InvalidAxisNumber, nameof(InvalidAxisNumber), "An axis number that is not a non-negative integer."),
        new(DuplicateAxis, nameof(DuplicateAxis), "The same axis twice."),
        new(TrailingInput, nameof(TrailingInput), "Text after the end of the query."),
        new(NestingTooDeep, nameof(NestingTooDeep), "Expressions, or calculated members, nested deeper than the limit."),
        new(ExpectedInteger, nameof(ExpectedInteger), "A non-negative integer is missing (after MAXROWS, FIRSTROWOSET…)."),
        new(CaseWithoutWhen, nameof(CaseWithoutWhen), "A CASE without WHEN."),
        new(NotNeedsParentheses, nameof(NotNeedsParentheses), "NOT as an operand of an arithmetic or comparison operator."),
        new(DuplicateProperty, nameof(DuplicateProperty), "A calculated member property given twice."),
        new(TrailingFormulaInput, nameof(TrailingFormulaInput), "Text after the end of a quoted formula."),
        new(UnknownName, nameof(UnknownName), "A name that is no dimension, hierarchy, level or top member of the cube."),
        new(AmbiguousName, nameof(AmbiguousName), "A name that several levels have."),
        new(UnknownMember, nameof(UnknownMember), "A member or measure the cube does not have."),
        new(UnknownCube, nameof(UnknownCube), "A cube the session does not have."),
        new(BadCalculatedMemberName, nameof(BadCalculatedMemberName), "A calculated member named neither under a hierarchy nor under a member."),
        new(NotAMemberName, nameof(NotAMemberName), "A calculated member name that is not a member name."),
        new(UnknownFunction, nameof(UnknownFunction), "A function Cuboid does not have."),
        new(WrongArgumentCount, nameof(WrongArgumentCount), "A function given too few or too many arguments."),
        new(ArgumentType, nameof(ArgumentType), "An argument of a type its function's signature does not take, found when the query is bound."),
        new(SlicerNotOfLevels, nameof(SlicerNotOfLevels), "A slicer set holding members that are not on a level."),
        new(SlicerOnParameter, nameof(SlicerOnParameter), "A slicer set holding members of a parameter hierarchy."),
        new(HierarchyOnTwoAxes, nameof(HierarchyOnTwoAxes), "The same hierarchy on two axes."),
        new(AxisGap, nameof(AxisGap), "Axes not numbered from 0 without gaps (ROWS without COLUMNS)."),
        new(SyntaxErrorReached, nameof(SyntaxErrorReached), "Evaluation reached a part of the query that did not parse."),
        new(CannotEvaluate, nameof(CannotEvaluate), "An expression that has no value."),
        new(TupleOfNonMembers, nameof(TupleOfNonMembers), "A tuple made of something other than members."),
        new(HierarchyTwiceInTuple, nameof(HierarchyTwiceInTuple), "A tuple, or a crossjoin's tuples, with two members of one hierarchy."),
        new(BadRange, nameof(BadRange), "A range whose ends are not two members of one level."),
        new(BadSortKey, nameof(BadSortKey), "A sort key that is neither a number nor a string."),
        new(ExtractHierarchy, nameof(ExtractHierarchy), "Extract of a hierarchy the set's tuples do not have."),
        new(MixedSet, nameof(MixedSet), "A set whose tuples have different hierarchies."),
        new(SetExpected, nameof(SetExpected), "A set was expected."),
        new(MemberExpected, nameof(MemberExpected), "A member was expected."),
        new(HierarchyExpected, nameof(HierarchyExpected), "A hierarchy was expected."),
        new(LevelExpected, nameof(LevelExpected), "A level was expected."),
        new(NumberExpected, nameof(NumberExpected), "A number (or a date) was expected."),
        new(EndlessRecursion, nameof(EndlessRecursion), "Calculated members that refer to each other without end."),
        new(NamedSetCycle, nameof(NamedSetCycle), "A named set that refers to itself."),
        new(MembersOfWhat, nameof(MembersOfWhat), "Members of something that is no level, hierarchy or dimension."),
        new(PeriodLevelMissing, nameof(PeriodLevelMissing), "A time function that finds no level of the period it needs."),
        new(NoTimeDimension, nameof(NoTimeDimension), "A time function without a member, in a cube without a Time dimension."),
        new(UnknownLevel, nameof(UnknownLevel), "A level a hierarchy does not have."),
        new(AncestorArgument, nameof(AncestorArgument), "Ancestor of something that is neither a level nor a distance."),
        new(UnknownProperty, nameof(UnknownProperty), "A member property the level does not have."),
        new(RankArgument, nameof(RankArgument), "Rank of something that is neither a member nor a tuple."),
        new(NotMdxText, nameof(NotMdxText), "StrToMember, StrToSet, StrToTuple or Levels of text that is not MDX."),
        new(BadFunctionArgument, nameof(BadFunctionArgument), "A function argument out of its range (a length, an interval, a date)."),
        new(BadCast, nameof(BadCast), "Cast not written Cast(value AS type), or to an unknown type."),
        new(BadRegularExpression, nameof(BadRegularExpression), "MATCHES with a pattern that is not a regular expression, or too slow."),
        new(NotIterating, nameof(NotIterating), "CurrentOrdinal of a set that is not being iterated."),
        new(Timeout, nameof(Timeout), "The query ran past its time limit, or was cancelled."),
        new(TooManyCells, nameof(TooManyCells), "The result would have more cells than the limit."),
        new(SetTooLarge, nameof(SetTooLarge), "A set would have more tuples than the limit."),
        new(DrillthroughOfSeveralCells, nameof(DrillthroughOfSeveralCells), "DRILLTHROUGH of a SELECT whose axes hold more than one cell."),
        new(DrillthroughOfCalculated, nameof(DrillthroughOfCalculated), "DRILLTHROUGH under a calculated member."),
        new(BadReturnColumn, nameof(BadReturnColumn), "A RETURN column that is no column, level or measure of the cube."),
        new(ReturnNotOfRows, nameof(ReturnNotOfRows), "A RETURN measure that is not an aggregation of fact rows."),
        new(NotADrillthrough, nameof(NotADrillthrough), "DrillthroughMdx of a statement other than DRILLTHROUGH."),
    ];
}

/// <summary>An MDX error code (MDX0110), its name (UnknownFunction) and what it means.</summary>
public sealed record MdxErrorCode(string Code, string Name, string Summary);
