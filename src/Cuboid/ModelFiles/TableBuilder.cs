using System.Globalization;
using System.Text;

namespace Cuboid.ModelFiles;

/// <summary>Creates the file's tables (from CSV, or empty) and joins them.</summary>
internal static class TableBuilder
{
    public static void Build(ModelContext context, ModelDocument document)
    {
        var tables = document.Tables ?? [];
        for (var i = 0; i < tables.Count; i++) BuildTable(context, context.NotNull(tables[i], $"tables[{i}]"), $"tables[{i}]");
        var joins = document.Joins ?? [];
        for (var i = 0; i < joins.Count; i++) BuildJoin(context, context.NotNull(joins[i], $"joins[{i}]"), $"joins[{i}]");
    }

    private static void BuildTable(ModelContext context, TableModel model, string path)
    {
        var name = context.Required(model.Name, path, "name");
        if (context.Session.Tables.ContainsKey(name)) throw context.Error($"{path}.name", $"a table named '{name}' is defined twice.");
        var types = ParseTypes(context, model.Types, path);
        var defaults = model.DefaultValues?.ToDictionary(d => d.Key, d => JsonValues.ToObject(context, d.Value, types.GetValueOrDefault(d.Key), $"{path}.defaultValues.{d.Key}"));
        if ((model.Parquet, model.Arrow) is (not null, _) or (_, not null))
        {
            var (format, location, package) = model.Parquet is not null ? ("parquet", model.Parquet, "Cuboid.Parquet: call session.UseParquet()") : ("arrow", model.Arrow!, "Cuboid.Arrow: call session.UseArrow()");
            var read = context.Session.FileFormats.TryGetValue(format, out var reader) ? reader
                : throw context.Error($"{path}.{format}", $"reading {format} files needs {package} first (the cuboid command does).");
            var readOptions = new RecordOptions { TableName = name, Keys = model.Keys, Types = types.Count == 0 ? null : types, DefaultValues = defaults };
            context.At(path, () => read(Path.Combine(context.DataDirectory, location), readOptions));
            return;
        }
        if (model.Sql is { } sql)
        {
            var query = context.Required(sql.Query, $"{path}.sql", "query");
            var connection = context.Required(sql.Connection, $"{path}.sql", "connection");
            var provider = context.Required(sql.Provider, $"{path}.sql", "provider");
            var factory = System.Data.Common.DbProviderFactories.TryGetFactory(provider, out var found) ? found
                : throw context.Error($"{path}.sql.provider", $"no ADO.NET provider is registered as '{provider}' (registered: {string.Join(", ", System.Data.Common.DbProviderFactories.GetProviderInvariantNames())}).");
            var sqlOptions = new SqlOptions { TableName = name, Keys = model.Keys, Types = types.Count == 0 ? null : types, DefaultValues = defaults };
            context.At(path, () => context.Session.ReadSql(query, connection, factory, sqlOptions));
            return;
        }
        if (model.File is null)
        {
            if (types.Count == 0) throw context.Error(path, "a table without 'file' needs 'types' (its columns in order).");
            context.At(path, () => context.Session.CreateTable(name, types, model.Keys, defaults));
            return;
        }
        var options = CsvOptionsOf(context, model.Csv, $"{path}.csv") with
        {
            TableName = name,
            Keys = model.Keys,
            Types = types.Count == 0 ? null : types,
            DefaultValues = defaults,
        };
        var file = Path.Combine(context.DataDirectory, model.File);
        context.At(path, () => context.Session.ReadCsv(file, options));
    }

    private static Dictionary<string, DataType> ParseTypes(ModelContext context, Dictionary<string, string>? types, string path)
    {
        var parsed = new Dictionary<string, DataType>();
        foreach (var (column, text) in types ?? [])
        {
            if (!Enum.TryParse<DataType>(text, ignoreCase: true, out var type) || int.TryParse(text, out _))
            {
                throw context.Error($"{path}.types.{column}", $"unknown type '{text}' (the types: {string.Join(", ", Enum.GetNames<DataType>())}).");
            }
            parsed[column] = type;
        }
        return parsed;
    }

    private static CsvOptions CsvOptionsOf(ModelContext context, CsvModel? csv, string path)
    {
        if (csv is null) return new CsvOptions();
        return new CsvOptions
        {
            Separator = Character(context, csv.Separator, $"{path}.separator"),
            Quote = Character(context, csv.Quote, $"{path}.quote") ?? '"',
            Encoding = csv.Encoding is null ? null : context.At($"{path}.encoding", () => Encoding.GetEncoding(csv.Encoding)),
            DatePatterns = csv.DatePatterns,
            ArraySeparator = Character(context, csv.ArraySeparator, $"{path}.arraySeparator") ?? ';',
            TrueValues = csv.TrueValues,
            FalseValues = csv.FalseValues,
            NullValues = csv.NullValues,
            ColumnRenames = csv.ColumnRenames,
            Culture = csv.Culture is null ? null : context.At($"{path}.culture", () => CultureInfo.GetCultureInfo(csv.Culture)),
            InferenceRows = csv.InferenceRows ?? 1000,
            ErrorHandling = csv.ErrorHandling is null ? ErrorHandling.Fail
                : Enum.TryParse<ErrorHandling>(csv.ErrorHandling, ignoreCase: true, out var handling) && !int.TryParse(csv.ErrorHandling, out _) ? handling
                : throw context.Error($"{path}.errorHandling", $"unknown error handling '{csv.ErrorHandling}' (expected fail, skip or log)."),
        };
    }

    /// <summary>One character; "\t" and "tab" are accepted for tab-separated files.</summary>
    private static char? Character(ModelContext context, string? text, string path) => text switch
    {
        null => null,
        "\\t" or "tab" => '\t',
        { Length: 1 } => text[0],
        _ => throw context.Error(path, $"'{text}' is not a single character."),
    };

    private static void BuildJoin(ModelContext context, JoinModel model, string path)
    {
        var from = context.Table(context.Required(model.From, path, "from"), $"{path}.from");
        var to = context.Table(context.Required(model.To, path, "to"), $"{path}.to");
        Condition? mapping = null;
        foreach (var (source, target) in model.Mapping ?? [])
        {
            var pair = context.Column(from, source, $"{path}.mapping.{source}") == context.Column(to, target, $"{path}.mapping.{source}");
            mapping = mapping is null ? pair : mapping & pair;
        }
        var optionality = model.Optionality?.ToUpperInvariant() switch
        {
            null or "OPTIONAL" => TargetOptionality.Optional,
            "MANDATORY" => TargetOptionality.Mandatory,
            _ => throw context.Error($"{path}.optionality", $"unknown optionality '{model.Optionality}' (expected optional or mandatory)."),
        };
        context.At(path, () => from.Join(to, mapping, optionality));
    }
}
