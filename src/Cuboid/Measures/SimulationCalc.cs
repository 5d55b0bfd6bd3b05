using System.Globalization;
using System.Runtime.CompilerServices;
using Cuboid.Aggregation;
using Cuboid.Storage;

namespace Cuboid.Measures;

/// <summary>
/// A simulation's parameter at each cell: the cell's scenario (its member, or the one scenario the
/// query's filter keeps — the base one by default) and its members on the simulated levels select
/// the matching rows of the simulation's table (as of the query's snapshot); the most specific wins.
/// </summary>
internal sealed class SimulationCalc(SimulationMeasure measure) : MeasureCalc
{
    private sealed record Rule(string?[] Coordinates, double? Value);

    private static readonly ConditionalWeakTable<TableVersion, Dictionary<string, Dictionary<string, List<Rule>>>> s_rules = new();

    public override DataType ResultType => DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => [];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var simulation = measure.Simulation;
        var n = input.Result.CellCount;
        var scenarios = Scenarios(input);
        var coordinates = simulation.Levels.Select(level =>
        {
            var codes = MemberCalcs.Codes(input, level);
            var index = input.Aggregator.Cube.IndexOf(level.Hierarchy);
            return codes.Select(code => code < 0 ? null : Text(level.Source.ValueOf(index.Members.Key(level.Depth, code)))).ToArray();
        }).ToArray();
        var rules = Rules(input.Aggregator.Snapshot.Data[simulation.Table.Store]);
        var values = new double[n];
        var valid = new bool[n];
        var cell = new string?[coordinates.Length];
        for (var i = 0; i < n; i++)
        {
            for (var l = 0; l < cell.Length; l++) cell[l] = coordinates[l][i];
            var value = scenarios[i] is { } scenario && rules.TryGetValue(scenario, out var list) ? Match(list, cell) : null;
            value ??= measure.Default;
            if (value is null) continue;
            values[i] = value.Value;
            valid[i] = true;
        }
        return (values, valid);
    }

    /// <summary>Each cell's scenario name: its member of the scenario level, or else the only scenario the filter keeps.</summary>
    private string?[] Scenarios(MeasureInput input)
    {
        var level = measure.Simulation.ScenarioLevel;
        var index = input.Aggregator.Cube.IndexOf(level.Hierarchy);
        var codes = MemberCalcs.Codes(input, level);
        if (codes.Any(c => c < 0))
        {
            input.Aggregator.Cube.Prepare(input.Aggregator.Snapshot, [level.Hierarchy]);
            var kept = ParameterMembers.Kept(new LevelRef(index, 0), input.Aggregator.ParameterFilter);
            var only = kept.Length == 1 ? kept[0] : -1;
            for (var i = 0; i < codes.Length; i++) codes[i] = codes[i] < 0 ? only : codes[i];
        }
        return [.. codes.Select(code => code < 0 ? null : Text(level.Source.ValueOf(index.Members.Key(0, code))))];
    }

    /// <summary>The most specific matching rule's value: the one whose first wildcard comes last (then the next, and so on).</summary>
    private static double? Match(List<Rule> rules, string?[] cell)
    {
        Rule? best = null;
        foreach (var rule in rules)
        {
            var matches = true;
            for (var l = 0; l < cell.Length && matches; l++) matches = rule.Coordinates[l] is null || rule.Coordinates[l] == cell[l];
            if (matches && (best is null || MoreSpecific(rule, best))) best = rule;
        }
        return best?.Value;
    }

    private static bool MoreSpecific(Rule a, Rule b)
    {
        for (var l = 0; l < a.Coordinates.Length; l++)
        {
            var (wildA, wildB) = (a.Coordinates[l] is null, b.Coordinates[l] is null);
            if (wildA != wildB) return wildB;
        }
        return false;
    }

    /// <summary>The table's rows as rules by scenario, per parameter, built once per table version.</summary>
    private Dictionary<string, List<Rule>> Rules(TableVersion version)
    {
        var perVersion = s_rules.GetOrCreateValue(version);
        lock (perVersion)
        {
            if (perVersion.TryGetValue(measure.Parameter, out var known)) return known;
            var store = measure.Simulation.Table.Store;
            var scenario = store.Find("Scenario")!.Index;
            var levels = measure.Simulation.Levels.Select(l => store.Find(l.Name)!.Index).ToArray();
            var parameter = store.Find(measure.Parameter)!.Index;
            var rules = new Dictionary<string, List<Rule>>(StringComparer.Ordinal);
            foreach (var row in version.LiveRows())
            {
                var name = (string)version.GetValue(scenario, row)!;
                var value = version.GetValue(parameter, row);
                var rule = new Rule([.. levels.Select(c => Text(version.GetValue(c, row)))], value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture));
                if (!rules.TryGetValue(name, out var list)) rules[name] = list = [];
                list.Add(rule);
            }
            return perVersion[measure.Parameter] = rules;
        }
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
}
