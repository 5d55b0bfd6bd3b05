namespace Cuboid.Mdx.Syntax;

// Statements: SELECT (with its WITH, axis, FROM, WHERE and CELL PROPERTIES clauses) and DRILLTHROUGH.
internal sealed partial class Parser
{
    public MdxStatement? ParseStatement()
    {
        MdxStatement? statement;
        if (At(Keyword.With) || At(Keyword.Select))
        {
            statement = ParseSelect();
        }
        else if (At(Keyword.Drillthrough))
        {
            statement = ParseDrillthrough();
        }
        else
        {
            Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, "SELECT, WITH or DRILLTHROUGH", Found));
            return null;
        }
        if (!AtEnd) Report(MdxDiagnostics.TrailingInput(_source, ErrorSpan, Found));
        return statement;
    }

    private DrillthroughStatement ParseDrillthrough()
    {
        var start = Advance().Span.Start;
        int? maxRows = null, firstRowSet = null;
        while (true)
        {
            if (Current.IsWordText("MAXROWS")) maxRows = ParseClauseInteger();
            else if (Current.IsWordText("FIRSTROWSET")) firstRowSet = ParseClauseInteger();
            else break;
        }
        var select = ParseSelect();
        var columns = new List<MdxExpression>();
        if (Current.IsWordText("RETURN"))
        {
            Advance();
            do
            {
                columns.Add(ParseExpression());
            }
            while (Accept(TokenKind.Comma));
        }
        return new DrillthroughStatement(TextSpan.FromBounds(start, PreviousEnd), maxRows, firstRowSet, select, [.. columns]);
    }

    /// <summary>The integer after MAXROWS or FIRSTROWSET; null (reported) if it is missing or not an integer.</summary>
    private int? ParseClauseInteger()
    {
        var keyword = Advance();
        if (At(TokenKind.Number) && int.TryParse(Current.Text, out var value))
        {
            Advance();
            return value;
        }
        Report(MdxDiagnostics.ExpectedInteger(_source, ErrorSpan, keyword.Text.ToUpperInvariant(), Found));
        if (At(TokenKind.Number)) Advance();
        return null;
    }

    private SelectStatement ParseSelect()
    {
        var start = Current.Span.Start;
        var withItems = new List<WithItem>();
        if (Accept(Keyword.With)) ParseWithItems(withItems);
        if (!Expect(Keyword.Select)) SkipUntil(static t => t.Keyword is Keyword.Select or Keyword.From);
        Accept(Keyword.Select);

        var axes = new List<AxisSpecification>();
        if (!At(Keyword.From))
        {
            do
            {
                var errors = _diagnostics.Count;
                axes.Add(ParseAxis());
                // After a bad axis, resume at the next axis or clause rather than reporting every later token.
                if (_diagnostics.Count > errors) SkipUntil(static t => t.Kind == TokenKind.Comma || t.Keyword is Keyword.From or Keyword.Where);
            }
            while (Accept(TokenKind.Comma));
        }
        CheckDuplicateAxes(axes);

        IdentifierNode? cube = null;
        if (Expect(Keyword.From)) cube = ParseCompoundName("a cube name");
        else SkipUntil(static t => t.Keyword is Keyword.From or Keyword.Where);
        if (cube is null && Accept(Keyword.From)) cube = ParseCompoundName("a cube name");

        var where = Accept(Keyword.Where) ? ParseExpression() : null;
        var cellProperties = new List<IdentifierNode>();
        if (At(Keyword.Cell))
        {
            Advance();
            if (Expect(Keyword.Properties)) ParseNameList(cellProperties, "a cell property name", afterAxis: false);
        }
        return new SelectStatement(TextSpan.FromBounds(start, PreviousEnd), [.. withItems], [.. axes], cube, where, [.. cellProperties]);
    }

    private void ParseWithItems(List<WithItem> items)
    {
        if (!At(Keyword.Member) && !At(Keyword.Set))
        {
            Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, "MEMBER or SET after WITH", Found));
        }
        while (At(Keyword.Member) || At(Keyword.Set))
        {
            var errors = _diagnostics.Count;
            items.Add(At(Keyword.Member) ? ParseWithMember() : ParseWithSet());
            if (_diagnostics.Count == errors && !At(Keyword.Member) && !At(Keyword.Set) && !At(Keyword.Select))
            {
                Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, "MEMBER, SET or SELECT", Found));
            }
            if (_diagnostics.Count > errors) SkipUntil(static t => t.Keyword is Keyword.Member or Keyword.Set or Keyword.Select);
        }
    }

    private WithMember ParseWithMember()
    {
        var start = Advance().Span.Start;
        var name = ParseCompoundName("a calculated member name");
        var (expression, quoted) = Expect(Keyword.As) ? ParseFormula() : (new ErrorExpression(new TextSpan(Current.Span.Start, 0)), false);
        var properties = new List<MemberProperty>();
        while (true)
        {
            // "…, SOLVE_ORDER = 2"; the comma is optional, as several servers accept it missing.
            var comma = At(TokenKind.Comma) ? 1 : 0;
            var nameToken = Peek(comma);
            if (!(nameToken.IsPlainName || nameToken.Kind == TokenKind.BracketedIdentifier) || Peek(comma + 1).Kind != TokenKind.Equal) break;
            if (comma == 1) Advance();
            Advance();
            Advance();
            var value = ParseExpression();
            var property = new MemberProperty(TextSpan.FromBounds(nameToken.Span.Start, PreviousEnd), nameToken.Text, value);
            if (properties.Exists(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                ReportEarlier(MdxDiagnostics.DuplicateProperty(_source, nameToken.Span, nameToken.Text));
            }
            properties.Add(property);
        }
        return new WithMember(TextSpan.FromBounds(start, PreviousEnd), name, expression, quoted, [.. properties]);
    }

    private WithSet ParseWithSet()
    {
        var start = Advance().Span.Start;
        var name = ParseCompoundName("a named set name");
        var (expression, quoted) = Expect(Keyword.As) ? ParseFormula() : (new ErrorExpression(new TextSpan(Current.Span.Start, 0)), false);
        return new WithSet(TextSpan.FromBounds(start, PreviousEnd), name, expression, quoted);
    }

    private void CheckDuplicateAxes(List<AxisSpecification> axes)
    {
        for (var i = 1; i < axes.Count; i++)
        {
            if (axes[i].Ordinal < 0) continue;
            for (var j = 0; j < i; j++)
            {
                if (axes[j].Ordinal != axes[i].Ordinal) continue;
                ReportEarlier(MdxDiagnostics.DuplicateAxis(_source, axes[i].AxisNameSpan, axes[i].AxisName));
                break;
            }
        }
    }
}
