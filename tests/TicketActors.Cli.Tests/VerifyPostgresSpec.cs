using TicketActors.Cli.Tests.Support;
using TicketActors.Testing;

namespace TicketActors.Cli.Tests;

/// <summary><c>ticketactors verify --store postgres</c> on a throwaway PostgreSQL 15 server that simulate sold from.</summary>
public sealed class VerifyPostgresSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Verify_on_postgres_after_a_simulate_run_exits_with_0_and_reports_the_event_OK()
    {
        await using var server = await ThrowawayPostgres.StartAsync();
        var connection = server.ConnectionString();
        var simulate = await CliProcess.RunAsync(_folder.Path,
            ["simulate", "--store", "postgres", "--connection", connection, "--event", "e1", "--users", "300", "--tickets", "100", "--quiet"]);
        Assert.True(simulate.ExitCode == 0, simulate.ToString());

        var result = await CliProcess.RunAsync(_folder.Path, ["verify", "--store", "postgres", "--connection", connection]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        Assert.StartsWith("store: postgres (Host=127.0.0.1;", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal(new VerificationTableText.Row("101", "100", "100", "0", "0", "none", "OK"), VerificationTableText.Of(result, "e1"));
        Assert.Equal("verified 1 event: all invariants hold", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Verify_on_a_postgres_database_that_never_held_a_journal_exits_with_1_and_creates_no_table()
    {
        await using var server = await ThrowawayPostgres.StartAsync();

        var result = await CliProcess.RunAsync(_folder.Path, ["verify", "--store", "postgres", "--connection", server.ConnectionString()]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.True(result.Stdout.Length == 0, result.ToString());
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith("error: the journals of postgres (", StringComparison.Ordinal) && line.Contains("\"journal\" does not exist", StringComparison.Ordinal));
        await using var check = new Npgsql.NpgsqlConnection(server.ConnectionString());
        await check.OpenAsync();
        await using var tables = new Npgsql.NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", check);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }
}
