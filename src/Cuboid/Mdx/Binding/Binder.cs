using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// Turns syntax into calcs, once per node per query (Mondrian's Exp → Calc): names are resolved against the
/// catalog, functions against their <see cref="FunctionSignatures"/> — an unknown function, a wrong number of
/// arguments (MDX0111) or an argument of a type the function does not take (MDX0112) is reported here, at the
/// call or the argument, before any cell is read — and each calc gets its static type and the hierarchies it
/// depends on. The fast paths are chosen here too: a named measure is a <see cref="MeasureCalc"/> (read in
/// bulk over a set), a set that depends on nothing a <see cref="ConstantSetCalc"/> (computed once).
/// </summary>
internal sealed class Binder(MdxCatalog catalog, SourceText source)
{
    private readonly Dictionary<MdxExpression, Calc> _bound = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<MdxMember, CellCalc> _cells = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Calc> _namedSets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MdxExpression> _setDefinitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _aliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Names _names = new(catalog, source);

    /// <summary>The query's WITH SETs, bound (a set may name one defined after it).</summary>
    public IReadOnlyDictionary<string, Calc> NamedSets => _namedSets;

    public SourceText Source => source;

    /// <summary>How many syntax nodes have been bound.</summary>
    public int Count => _bound.Count;

    /// <summary>Declares a WITH SET; its definition is bound by <see cref="BindNamedSets"/>, once every set is known.</summary>
    public void DeclareSet(string name, MdxExpression definition)
    {
        _setDefinitions[name] = definition;
        _namedSets.Remove(name);
    }

    public void BindNamedSets()
    {
        foreach (var (name, definition) in _setDefinitions) _namedSets[name] = Bind(definition);
    }

    public bool IsNamedSet(string name) => _setDefinitions.ContainsKey(name);

    /// <summary>How the cells <paramref name="member"/> decides are computed (<see cref="CellCalc"/>), chosen on first use.</summary>
    public CellCalc CellCalcOf(MdxMember member)
    {
        if (_cells.TryGetValue(member, out var known)) return known;
        CellCalc cell = member switch
        {
            { Kind: MemberKind.Calculated, Calculated: { Compiled: { } compiled } calculated } =>
                new CompiledCellCalc(member, new StoredCellCalc(compiled, calculated.EmptyValue), new FormulaCellCalc(member, Bind(calculated.Formula))),
            { Kind: MemberKind.Calculated, Calculated: { } calculated } => new FormulaCellCalc(member, Bind(calculated.Formula)),
            { Measure: { } stored } => new StoredCellCalc(stored),
            _ => EmptyCellCalc.Instance,
        };
        return _cells[member] = cell;
    }

    /// <summary>The calc of <paramref name="expression"/>, bound on first use; the same node always gets the same calc.</summary>
    public Calc Bind(MdxExpression expression)
    {
        return BindNode(expression);
    }

    private Calc BindNode(MdxExpression expression)
    {
        if (_bound.TryGetValue(expression, out var known)) return known;
        var calc = expression switch
        {
            NumberLiteral n => new ConstantCalc(n, n.Value),
            StringLiteral s => new ConstantCalc(s, s.Value),
            NullLiteral => new ConstantCalc(expression, null),
            EmptyExpression => new OmittedCalc(expression),
            IdentifierNode id => BindName(id),
            ParenthesizedExpression p => new ParenthesizedCalc(p, BindNode(p.Inner)),
            TupleLiteral t => Tuple(t),
            SetLiteral s => SetLiteral(s),
            FunctionCall f => Call(f, f.Name, f, [.. f.Arguments.Select(BindNode)]),
            MethodCall m => Call(m, m.Name, m, [BindNode(m.Target), .. m.Arguments.Select(BindNode)]),
            PropertyAccess p => Call(p, p.Property.Name, p, [BindNode(p.Target)]),
            UnaryExpression u => Unary(u),
            BinaryExpression b => Constant(new BinaryCalc(b, BindNode(b.Left), BindNode(b.Right))),
            RangeExpression r => Constant(new RangeCalc(r, BindNode(r.Start), BindNode(r.End))),
            CaseExpression c => new CaseCalc(c, c.Operand is null ? null : BindNode(c.Operand), [.. c.Whens.Select(w => (BindNode(w.When), BindNode(w.Then)))], c.Else is null ? null : BindNode(c.Else)),
            AliasExpression a => Alias(a),
            ErrorExpression => new ErrorCalc(expression),
            _ => throw MdxEvaluationException.At(source, expression, MdxErrorCodes.CannotEvaluate, $"Cannot evaluate {expression.GetType().Name}."),
        };
        _bound[expression] = calc;
        return calc;
    }

    /// <summary>
    /// <c>set AS t</c>: from here on, a name starting with t is the alias's (a function binds its set argument, where
    /// the alias is written, before the arguments that use it).
    /// </summary>
    private AliasCalc Alias(AliasExpression a)
    {
        _aliases.Add(a.Alias.Segments[^1].Name);
        return new AliasCalc(a, BindNode(a.Expression));
    }

    /// <summary>-3 is a number, not an operation on one: folded, so that the bulk paths see a constant.</summary>
    private Calc Unary(UnaryExpression u)
    {
        var operand = BindNode(u.Operand);
        return (u.Operator, operand) switch
        {
            (UnaryOperator.Minus, ConstantCalc { Value: double x }) => new ConstantCalc(u, x == 0 ? 0d : -x),
            (UnaryOperator.Plus, ConstantCalc { Value: double }) => new ConstantCalc(u, ((ConstantCalc)operand).Value),
            _ => new UnaryCalc(u, operand),
        };
    }

    private TupleCalc Tuple(TupleLiteral t)
    {
        var elements = t.Elements.Select(BindNode).ToList();
        var dependencies = Binding.Dependencies.None;
        foreach (var element in elements) dependencies = dependencies.Union(Structural(element, Accepts.Member));
        return new TupleCalc(t, elements, dependencies);
    }

    private Calc SetLiteral(SetLiteral s)
    {
        var elements = s.Elements.Select(BindNode).ToList();
        var dependencies = Binding.Dependencies.None;
        foreach (var element in elements) dependencies = dependencies.Union(Structural(element, Accepts.Set));
        return Constant(new SetLiteralCalc(s, elements, dependencies));
    }

    /// <summary>A set that depends on no current member is computed once per query.</summary>
    private static Calc Constant(Calc calc) => calc.Type == MdxType.Set && calc.DependsOn.IsNone ? new ConstantSetCalc(calc) : calc;

    /// <summary>
    /// A name: its head from the catalog (or, when it is an alias or a named set, from the context as it is
    /// evaluated), then each segment a member under the last, or a property (Children, CurrentMember…) called on it.
    /// </summary>
    private Calc BindName(IdentifierNode id)
    {
        var first = id.Segments[0];
        if (!first.IsKey && (_aliases.Contains(first.Name) || _setDefinitions.ContainsKey(first.Name)))
        {
            return new NameCalc(id, Segments(id, new AliasValueCalc(id), 1), this);
        }
        object head;
        int next;
        try
        {
            (head, next) = _names.Head(id);
        }
        catch (MdxEvaluationException unknown) when (id.Segments is [{ IsQuoted: false, IsKey: false }])
        {
            return new SymbolCalc(id, unknown);   // DESC, RECURSIVE…: a keyword to the function that takes it
        }
        return Segments(id, Constant(id, head), next);
    }

    /// <summary>The name as the catalog alone resolves it (a <see cref="NameCalc"/> whose head is no alias where it is evaluated).</summary>
    public Calc BindCatalogName(IdentifierNode id)
    {
        var (head, next) = _names.Head(id);
        return Segments(id, Constant(id, head), next);
    }

    private Calc Segments(IdentifierNode id, Calc current, int next)
    {
        for (var i = next; i < id.Segments.Count; i++)
        {
            var segment = id.Segments[i];
            if (Names.IsProperty(segment)) current = Call(id, segment.Name, id, [current]);
            else if (current is ConstantCalc { Value: { } value }) current = Constant(id, _names.Step(value, id, i));
            else if (current is MeasureCalc measure) current = Constant(id, _names.Step(measure.Measure, id, i));
            else current = new StepCalc(id, current, i, _names);
        }
        return current;
    }

    private static Calc Constant(IdentifierNode id, object value) =>
        value is MdxMember { Hierarchy.IsMeasures: true, Kind: MemberKind.Measure or MemberKind.Calculated } measure ? new MeasureCalc(id, measure) : new ConstantCalc(id, value);

    private Calc Call(MdxExpression syntax, string name, ILocated at, IReadOnlyList<Calc> arguments)
    {
        if ((!FunctionTable.TryGet(name, out var function) || !FunctionSignatures.All.TryGetValue(name, out var signature))
            && !PluginFunctions.TryGet(catalog.Cube.Session.Functions, name, out signature, out function))
        {
            throw MdxEvaluationException.At(source, at, MdxErrorCodes.UnknownFunction, $"Unknown function '{name}'.");
        }
        CheckArity(signature, arguments, at);
        for (var i = 0; i < arguments.Count; i++)
        {
            var accepts = signature.Parameters.At(i);
            if (SignatureSyntax.Takes(accepts, arguments[i].Type)) continue;
            throw MdxEvaluationException.At(source, arguments[i], MdxErrorCodes.ArgumentType,
                $"{signature.Name} is written {signature.Syntax}; its argument {i + 1} is {arguments[i].Type.Describe()}, which it does not take.");
        }
        return Constant(new FunctionCalc(syntax, at, signature, function, arguments, TypeOf(signature, arguments), Dependencies(signature, arguments)));
    }

    /// <summary>The signature's type; IIf's is its branches' when they agree (NULL agreeing with either), as Mondrian types it.</summary>
    private static MdxType TypeOf(FunctionSignature signature, IReadOnlyList<Calc> arguments)
    {
        if (!string.Equals(signature.Name, "IIf", StringComparison.OrdinalIgnoreCase) || arguments.Count != 3) return signature.Returns;
        var (yes, no) = (arguments[1].Type, arguments[2].Type);
        return yes == no || no == MdxType.Empty ? yes : yes == MdxType.Empty ? no : MdxType.Unknown;
    }

    /// <summary>Too few arguments is an error at the call, too many at the first one too many (MDX0111).</summary>
    private void CheckArity(FunctionSignature signature, IReadOnlyList<Calc> arguments, ILocated at)
    {
        if (arguments.Count >= signature.MinArguments && arguments.Count <= signature.MaxArguments) return;
        var counted = signature.Syntax.StartsWith('<') ? ", its target counted" : "";
        var expected = signature.MinArguments == signature.MaxArguments ? $"{signature.MinArguments}"
            : signature.MaxArguments == int.MaxValue ? $"at least {signature.MinArguments}" : $"{signature.MinArguments} to {signature.MaxArguments}";
        throw MdxEvaluationException.At(source, arguments.Count > signature.MaxArguments ? arguments[signature.MaxArguments] : at, MdxErrorCodes.WrongArgumentCount,
            $"{signature.Name} is written {signature.Syntax}: {expected} argument(s){counted}; {arguments.Count} given.");
    }

    /// <summary>
    /// What a call depends on: a function that only navigates or combines sets (<see cref="FunctionDependencies"/>)
    /// depends on what its arguments do — a hierarchy standing for its current member adds that hierarchy, a member
    /// read as a value adds every one; CurrentMember depends on its hierarchy; any other function on everything.
    /// </summary>
    private static Dependencies Dependencies(FunctionSignature signature, IReadOnlyList<Calc> arguments)
    {
        if (string.Equals(signature.Name, "CurrentMember", StringComparison.OrdinalIgnoreCase))
        {
            return arguments[0] is ConstantCalc { Value: MdxHierarchy h } ? Binding.Dependencies.On(h.Ordinal) : Binding.Dependencies.Everything;
        }
        if (!FunctionDependencies.OnlyThroughArguments(signature.Name)) return Binding.Dependencies.Everything;
        var dependencies = Binding.Dependencies.None;
        for (var i = 0; i < arguments.Count; i++) dependencies = dependencies.Union(Structural(arguments[i], signature.Parameters.At(i)));
        return dependencies;
    }

    /// <summary>
    /// What an argument adds where <paramref name="accepts"/>: its own dependencies; its hierarchy's when a hierarchy
    /// stands for its current member; every hierarchy when a member or an unknown is read there as a value (a cell).
    /// </summary>
    private static Dependencies Structural(Calc argument, Accepts accepts)
    {
        const Accepts value = Accepts.Numeric | Accepts.String | Accepts.Logical | Accepts.Value;
        return argument.Type switch
        {
            MdxType.Symbol or MdxType.Empty => Binding.Dependencies.None,
            MdxType.Unknown => Binding.Dependencies.Everything,
            MdxType.Member or MdxType.Tuple when (accepts & value) != 0 => Binding.Dependencies.Everything,
            MdxType.Hierarchy when (accepts & (Accepts.Hierarchy | Accepts.Dimension | Accepts.Set | Accepts.Level)) == 0 =>
                (accepts & (Accepts.Member | Accepts.Tuple)) != 0 && argument is ConstantCalc { Value: MdxHierarchy h }
                    ? argument.DependsOn.Union(Binding.Dependencies.On(h.Ordinal))
                    : Binding.Dependencies.Everything,
            _ => argument.DependsOn,
        };
    }
}
