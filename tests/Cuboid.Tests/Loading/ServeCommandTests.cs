using System.IO.Compression;
using Cuboid.Cli.Commands;
using Cuboid.Tests.Support;
using Microsoft.Data.Sqlite;
using Parquet.Serialization;
using Spectre.Console;

namespace Cuboid.Tests.Loading;

/// <summary>cuboid serve: the user's CSV, Parquet or SQL (or a model file naming them) becomes a table and an Auto cube.</summary>
public sealed class ServeCommandTests
{
    public sealed class Sale
    {
        public int Id { get; set; }
        public string? Shop { get; set; }
        public double Amount { get; set; }
    }

    private static (IAnsiConsole Console, StringWriter Text) Console()
    {
        var text = new StringWriter();
        return (AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No }), text);
    }

    private static ServeCommand.ServeOptions Options(string? csv = null, string? parquet = null, string? sql = null, string? connection = null, string? model = null, string? data = null) =>
        new(model, data, csv is null ? [] : [csv], parquet is null ? [] : [parquet], [], sql, connection, "sqlite", ["Id"], [], "Sales", Port: null);

    private static double Total(Session session) =>
        session.Cubes["Sales"].Query([session.Cubes["Sales"].Measures["Amount.SUM"]]).Column("Amount.SUM").GetDouble(0)!.Value;

    [Fact]
    public async Task LoadsCsvParquetAndSqlIntoAnAutoCube()
    {
        var folder = TestData.TempDirectory();
        var rows = Enumerable.Range(1, 500).Select(i => new Sale { Id = i, Shop = $"Shop {i % 3}", Amount = i }).ToList();
        var csv = Path.Combine(folder, "sales.csv");
        await File.WriteAllLinesAsync(csv, ["Id,Shop,Amount", .. rows.Select(r => $"{r.Id},{r.Shop},{r.Amount}")], TestContext.Current.CancellationToken);
        var parquet = Path.Combine(folder, "sales.parquet");
        await ParquetSerializer.SerializeAsync(rows, parquet, cancellationToken: TestContext.Current.CancellationToken);
        var db = Path.Combine(folder, "sales.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE sales (Id INTEGER, Shop TEXT, Amount REAL); " + string.Join(" ", rows.Select(r => $"INSERT INTO sales VALUES ({r.Id}, '{r.Shop}', {r.Amount});"));
            command.ExecuteNonQuery();
        }
        foreach (var options in new[] { Options(csv: csv), Options(parquet: parquet), Options(sql: "SELECT Id, Shop, Amount FROM sales", connection: $"Data Source={db};Pooling=False") })
        {
            var (console, text) = Console();
            Assert.Null(ServeCommand.Load(options, console, out var session));
            using (session)
            {
                Assert.Equal(500L * 501 / 2, Total(session!));
                Assert.Contains("Loaded 500 rows into table 'Sales'", text.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AModelFileCanNameParquetAndSqlSourcesAndBadInputIsReported()
    {
        var folder = TestData.TempDirectory();
        var rows = Enumerable.Range(1, 10).Select(i => new Sale { Id = i, Shop = "A", Amount = 2 }).ToList();
        await ParquetSerializer.SerializeAsync(rows, Path.Combine(folder, "sales.parquet"), cancellationToken: TestContext.Current.CancellationToken);
        var db = Path.Combine(folder, "shops.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE shops (Shop TEXT, City TEXT); INSERT INTO shops VALUES ('A', 'Paris');";
            command.ExecuteNonQuery();
        }
        var model = Path.Combine(folder, "model.json");
        await File.WriteAllTextAsync(model, $$"""
            {
              "tables": [
                { "name": "Sales", "parquet": "sales.parquet", "keys": ["Id"] },
                { "name": "Shops", "sql": { "query": "SELECT Shop, City FROM shops", "connection": "Data Source={{db}};Pooling=False", "provider": "sqlite" }, "keys": ["Shop"] }
              ],
              "joins": [ { "from": "Sales", "to": "Shops", "mapping": { "Shop": "Shop" } } ],
              "cubes": [ { "name": "Sales", "factTable": "Sales" } ]
            }
            """, TestContext.Current.CancellationToken);
        var (console, _) = Console();
        Assert.Null(ServeCommand.Load(Options(model: model), console, out var session));
        using (session)
        {
            Assert.Equal(20.0, Total(session!));
            Assert.Equal(1, session!.Tables["Shops"].RowCount);
        }
        var (none, text) = Console();
        Assert.Equal(QueryCommand.BadInput, ServeCommand.Load(Options(), none, out _));
        Assert.Contains("nothing to serve. Give a model file (--model FILE) or tables (--csv, --parquet, --arrow, --sql)", Flat(text), StringComparison.Ordinal);
        var (missing, missingText) = Console();
        Assert.Equal(QueryCommand.BadInput, ServeCommand.Load(Options(csv: Path.Combine(folder, "nope.csv")), missing, out _));
        Assert.Contains("nope.csv", missingText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TablesFromSeveralSourcesAreJoinedIntoAStarByOptions()
    {
        var folder = TestData.TempDirectory();
        // Gzipped: its table is still "sales", as the joins name it.
        var sales = Path.Combine(folder, "sales.csv.gz");
        await using (var gzip = new GZipStream(File.Create(sales), CompressionLevel.Optimal))
        {
            await gzip.WriteAsync("Id,ProductId,Shop,Amount\n1,10,A,5\n2,11,A,7\n3,10,B,1\n4,12,B,100\n"u8.ToArray(), TestContext.Current.CancellationToken);
        }
        var products = Path.Combine(folder, "catalog.parquet");
        await ParquetSerializer.SerializeAsync(new[] { new Product { ProductId = 10, Category = "Food" }, new Product { ProductId = 11, Category = "Toys" } }, products, cancellationToken: TestContext.Current.CancellationToken);
        var options = new ServeCommand.ServeOptions(null, null, [sales], [$"Products={products}"], [], null, null, "sqlite",
            ["Id", "Products:ProductId"], ["sales.ProductId=Products.ProductId"], "Shop sales", Port: null);

        var (console, text) = Console();
        Assert.Null(ServeCommand.Load(options, console, out var session));
        using (session)
        {
            var cube = session!.Cubes["Shop sales"];
            Assert.Equal(["Products", "sales"], session.Tables.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["ProductId"], session.Tables["Products"].Keys);
            var byCategory = cube.Query([cube.Measures["Amount.SUM"]], levels: [cube.Levels["Category"]]);
            Assert.Equal(["Food 6", "N/A 100", "Toys 7"], byCategory.Rows().Select(r => $"{r[0]} {r[1]}"));   // product 12 is not in the catalog
            Assert.Contains("Cube 'Shop sales' on table 'sales', joining 'Products'.", text.ToString(), StringComparison.Ordinal);
        }

        var (loose, looseText) = Console();
        Assert.Equal(QueryCommand.BadInput, ServeCommand.Load(options with { Joins = [] }, loose, out _));
        Assert.Contains("Tables 'sales', 'Products' are not joined to one another", Flat(looseText), StringComparison.Ordinal);
        var (bad, badText) = Console();
        Assert.Equal(QueryCommand.BadInput, ServeCommand.Load(options with { Joins = ["sales.ProductId=Stock.ProductId"] }, bad, out _));
        Assert.Contains("--join sales.ProductId=Stock.ProductId: there is no table 'Stock' (the tables: sales, Products)", Flat(badText), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArrowFilesAreTablesForTheOptionsAndForModelFiles()
    {
        var folder = TestData.TempDirectory();
        var batch = new Apache.Arrow.RecordBatch.Builder()
            .Append("Id", false, new Apache.Arrow.Int32Array.Builder().AppendRange([1, 2, 3]).Build())
            .Append("Amount", false, new Apache.Arrow.DoubleArray.Builder().AppendRange([1.5, 2.5, 3.0]).Build())
            .Build();
        var file = Path.Combine(folder, "sales.arrow");
        await using (var stream = File.Create(file))
        using (var writer = new Apache.Arrow.Ipc.ArrowFileWriter(stream, batch.Schema))
        {
            await writer.WriteRecordBatchAsync(batch, TestContext.Current.CancellationToken);
            await writer.WriteEndAsync(TestContext.Current.CancellationToken);
        }
        var (console, _) = Console();
        Assert.Null(ServeCommand.Load(Options() with { Arrow = [file] }, console, out var session));
        using (session) Assert.Equal(7.0, Total(session!));

        var model = Path.Combine(folder, "model.json");
        await File.WriteAllTextAsync(model, """
            { "tables": [ { "name": "Sales", "arrow": "sales.arrow", "keys": ["Id"] } ], "cubes": [ { "name": "Sales", "factTable": "Sales" } ] }
            """, TestContext.Current.CancellationToken);
        Assert.Null(ServeCommand.Load(Options(model: model), console, out session));
        using (session) Assert.Equal(7.0, Total(session!));
    }

    /// <summary>The console's text on one line (it wraps long messages).</summary>
    [Fact]
    public async Task TheServerAnswers503UntilItsCubeExists()
    {
        var folder = TestData.TempDirectory();
        var csv = Path.Combine(folder, "sales.csv");
        await File.WriteAllLinesAsync(csv, ["Id,Shop,Amount", .. Enumerable.Range(1, 1_000_000).Select(i => $"{i},Shop {i % 50},{i % 7}")], TestContext.Current.CancellationToken);
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var (console, _) = Console();
        Session? session = null;
        var loading = Task.Run(() => ServeCommand.Load(Options(csv: csv) with { Port = port }, console, out session), TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        var seen = new List<System.Net.HttpStatusCode>();
        while (!loading.IsCompleted)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("api/cubes", UriKind.Relative), TestContext.Current.CancellationToken);
                if (!loading.IsCompleted) seen.Add(response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        Assert.Null(await loading);
        using (session)
        {
            Assert.NotEmpty(seen);
            Assert.All(seen, status => Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, status));   // never a 404, a 500 or an empty list
            using var ready = await client.GetAsync(new Uri("api/cubes", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal("[{\"name\":\"Sales\",\"caption\":\"Sales\"}]", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    private static string Flat(StringWriter text) => System.Text.RegularExpressions.Regex.Replace(text.ToString(), @"\s+", " ");

    public sealed class Product
    {
        public int ProductId { get; set; }
        public string? Category { get; set; }
    }

    [Fact]
    public async Task ServesATeamWithUsersFromAFileAndRefusesABadFileNamingTheLineNotThePassword()
    {
        var folder = TestData.TempDirectory();
        var csv = Path.Combine(folder, "sales.csv");
        await File.WriteAllLinesAsync(csv, ["Id,Shop,Amount", "1,Paris,3"], TestContext.Current.CancellationToken);
        var users = Path.Combine(folder, "users.txt");
        await File.WriteAllLinesAsync(users, ["# name:password[:roles]", "alice:a-secret:ROLE_ADMIN", "bob:b-secret"], TestContext.Current.CancellationToken);
        var (console, _) = Console();
        var options = Options(csv: csv) with { Port = 0, Security = new ServeSecurity(Users: users) };
        Assert.Null(ServeCommand.Load(options, console, out var session));
        using (session)
        {
            using var client = new HttpClient { BaseAddress = new Uri(session!.Link!) };
            using var anonymous = await client.GetAsync(new Uri("/api/cubes", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.Authorization = new("Basic", Convert.ToBase64String("alice:a-secret"u8.ToArray()));
            using var me = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Contains("ROLE_ADMIN", await me.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        await File.WriteAllLinesAsync(users, ["alice:a-secret", "bob-without-password"], TestContext.Current.CancellationToken);
        var (badConsole, text) = Console();
        Assert.Equal(QueryCommand.BadInput, ServeCommand.Load(options, badConsole, out var none));
        Assert.Null(none);
        var message = System.Text.RegularExpressions.Regex.Replace(text.ToString(), @"\s+", "");   // the console wraps long lines
        Assert.Contains($"{users},line2:auseriswrittenname:password[:ROLE,ROLE…].", message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret", text.ToString(), StringComparison.Ordinal);

        var (bothConsole, both) = Console();
        Assert.Equal(QueryCommand.BadInput, ServeCommand.Load(options with { Security = new ServeSecurity(Users: users, Ldap: "ldap://127.0.0.1:1", LdapBaseDn: "dc=x") }, bothConsole, out _));
        Assert.Contains("Give one of --users, --ldap, --oidc-issuer and --kerberos", System.Text.RegularExpressions.Regex.Replace(both.ToString(), @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public void OidcAndProxyOptionsMakeTheSessionsConfiguration()
    {
        var security = new ServeSecurity(OidcIssuer: "https://sso.example/realms/team", OidcClientId: "cuboid", OidcRolesClaim: "groups",
            OidcRoles: ["admins=ROLE_ADMIN", "admins=ROLE_AUDIT"], TrustedProxies: ["127.0.0.1"]);
        var config = security.Apply(new SessionConfig { Name = null, Port = null });
        var oidc = Assert.IsType<OidcConfig>(config.Authentication);
        Assert.Equal(("sso.example", "cuboid"), (oidc.ProviderId, oidc.ClientId));
        Assert.Equal(["groups"], oidc.RolesClaims);
        Assert.Equal(["openid", "profile", "groups"], oidc.Scopes);
        Assert.Equal(["127.0.0.1"], config.TrustedProxies);
        using var session = Session.Start(config);
        security.AddUsers(session);
        Assert.Equal(["ROLE_ADMIN", "ROLE_AUDIT"], session.Security.Oidc.RoleMapping["admins"]);
        var bad = Assert.Throws<ArgumentException>(() => (security with { OidcRoles = ["admins"] }).AddUsers(session));
        Assert.Equal("--oidc-role 'admins' is not VALUE=ROLE.", bad.Message);
        Assert.Throws<ArgumentException>(() => (security with { OidcClientId = null }).Apply(new SessionConfig()));
    }

    [Fact]
    public async Task AModelFilesSecuritySectionConfiguresTheServedSession()
    {
        var folder = TestData.TempDirectory();
        await File.WriteAllLinesAsync(Path.Combine(folder, "sales.csv"), ["Id,Shop,Amount", "1,Paris,3"], TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(folder, "users.txt"), ["alice:a-secret", "bob:b-secret"], TestContext.Current.CancellationToken);
        string Model(string authentication) => $$"""
            {
              "tables": [{ "name": "Sales", "file": "sales.csv", "keys": ["Id"] }],
              "cubes": [{ "name": "Sales", "factTable": "Sales" }],
              "security": {
                "host": "127.0.0.1",
                "authentication": {{authentication}},
                "jwt": { "lifetimeMinutes": 5 },
                "roles": { "alice": ["ROLE_ADMIN"] }
              }
            }
            """;
        var model = Path.Combine(folder, "model.json");
        await File.WriteAllTextAsync(model, Model("""{ "basic": { "usersFile": "users.txt" } }"""), TestContext.Current.CancellationToken);
        var (console, _) = Console();
        Assert.Null(ServeCommand.Load(Options(model: model) with { Port = 0 }, console, out var session));
        using (session)
        {
            Assert.Equal("127.0.0.1", session!.Config.Host);
            Assert.Equal(TimeSpan.FromMinutes(5), session.Config.Jwt!.Lifetime);
            Assert.IsType<BasicAuthenticationConfig>(session.Config.Authentication);
            using var client = new HttpClient { BaseAddress = new Uri(session.Link!) };
            using (var anonymous = await client.GetAsync(new Uri("/api/cubes", UriKind.Relative), TestContext.Current.CancellationToken))
            {
                Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.Authorization = new("Basic", Convert.ToBase64String("alice:a-secret"u8.ToArray()));
            using var me = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Contains("ROLE_ADMIN", await me.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(model, Model("""{ "basic": {}, "ldap": { "url": "ldap://x", "baseDn": "dc=x" } }"""), TestContext.Current.CancellationToken);
        var error = Assert.Throws<Cuboid.ModelFiles.ModelFileException>(() => Cuboid.ModelFiles.CubeModelFile.SessionConfig(model));
        Assert.Equal("model.json: security.authentication: give exactly one of basic, ldap, oidc and kerberos.", error.Message);
    }
}
