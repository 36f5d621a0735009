using Microsoft.Data.Sqlite;
using TicketActors.Cli.Tests.Support;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tickets;

namespace TicketActors.Cli.Tests;

/// <summary>
/// <c>ticketactors verify</c> replays every event's journal from the store and checks the guarantees: what simulate
/// sold verifies clean, a forged or damaged journal is caught and named, and a store that does not exist is never created.
/// </summary>
public sealed class VerifySpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Verify_after_a_simulate_run_exits_with_0_and_reports_the_event_with_its_100_tickets_sold()
    {
        var store = _folder.File("tickets.db");
        await Simulate(store, "e1");

        var result = await CliProcess.RunAsync(_folder.Path, ["verify", "--connection", store]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        Assert.Equal($"store: sqlite ({store})", result.StdoutLines[0]);
        Assert.Equal(VerificationTableText.Title, result.StdoutLines[1].Trim());
        VerificationTableText.AssertEventIds(result, "e1");
        Assert.Equal(new VerificationTableText.Row("101", "100", "100", "0", "0", "none", "OK"), VerificationTableText.Of(result, "e1"));
        Assert.Equal("verified 1 event: all invariants hold", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Verify_after_two_runs_on_two_events_in_the_same_file_lists_both_and_finds_both_OK()
    {
        var store = _folder.File("tickets.db");
        await Simulate(store, "e1");
        await Simulate(store, "e2", users: 50, tickets: 40);

        var result = await CliProcess.RunAsync(_folder.Path, ["verify", "--store", "sqlite", "--connection", store]);

        Assert.True(result.ExitCode == 0, result.ToString());
        VerificationTableText.AssertEventIds(result, "e1", "e2");
        Assert.Equal(new VerificationTableText.Row("101", "100", "100", "0", "0", "none", "OK"), VerificationTableText.Of(result, "e1"));
        Assert.Equal(new VerificationTableText.Row("41", "40", "40", "0", "0", "none", "OK"), VerificationTableText.Of(result, "e2"));
        Assert.Equal("verified 2 events: all invariants hold", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Verify_without_options_checks_the_default_file_data_tickets_db_of_the_working_folder()
    {
        await Simulate(Path.Combine("data", "tickets.db"), "e1");

        var result = await CliProcess.RunAsync(_folder.Path, ["verify"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("store: sqlite (data/tickets.db)", result.StdoutLines[0]);
        Assert.Equal(new VerificationTableText.Row("101", "100", "100", "0", "0", "none", "OK"), VerificationTableText.Of(result, "e1"));
    }

    [Fact]
    public async Task Verify_exits_with_1_and_names_the_ticket_code_and_the_serial_issued_twice_in_a_forged_journal()
    {
        var store = _folder.File("tickets.db");
        await Simulate(store, "e1");
        var at = new DateTimeOffset(2027, 5, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var system = SqliteStoreSystem.Start(store))
        {
            await system.AppendAsync("box-office-forged",
                new EventCreated(new EventDefinition("forged", "Forged", at, [new TicketCategory("general", 10, new Money(0, "EUR"), 1)]), at),
                Issued(1, "buyer-1", new Ticket(1, "CODE-A", "general")),
                Issued(2, "buyer-2", new Ticket(2, "CODE-A", "general")),
                Issued(3, "buyer-3", new Ticket(2, "CODE-B", "general")),
                Issued(4, "buyer-4", new Ticket(3, "CODE-C", "general")));
        }

        var result = await CliProcess.RunAsync(_folder.Path, ["verify", "--connection", store]);

        Assert.True(result.ExitCode == 1, result.ToString());
        VerificationTableText.AssertEventIds(result, "e1", "forged");
        Assert.Equal(new VerificationTableText.Row("101", "100", "100", "0", "0", "none", "OK"), VerificationTableText.Of(result, "e1"));
        // Events 3 and 4 reissue a code and a serial: they are named and left out, so 2 tickets count as sold.
        Assert.Equal(new VerificationTableText.Row("5", "10", "2", "0", "8", "none", "FAILED"), VerificationTableText.Of(result, "forged"));
        Assert.Equal(
            [
                "violation in forged: ticket code CODE-A issued twice: with serial 1 by event 2 and with serial 2 by event 3 (order 2, buyer 'buyer-2'); left out of the replay",
                "violation in forged: ticket serial 2 issued twice: by event 3 and by event 4 (order 3, buyer 'buyer-3'); left out of the replay",
            ],
            result.StdoutLines.Where(line => line.StartsWith("violation", StringComparison.Ordinal)));
        Assert.Equal("verified 2 events: 1 event FAILED", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Verify_exits_with_1_and_names_the_gap_when_a_row_of_the_journal_was_deleted()
    {
        var store = _folder.File("tickets.db");
        await Simulate(store, "e1");
        long lost;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Pooling = false }.ConnectionString))
        {
            // Entry 2 is the first sale, stored alone or (group commit) with the sales decided during the write before it;
            // entry 3 exists too, so the gap is inside the journal, not at its end.
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = """
                SELECT CASE WHEN manifest = 'event-batch/1' THEN json_array_length(CAST(message AS TEXT)) ELSE 1 END
                FROM journal WHERE persistence_id = 'box-office-e1' AND sequence_number = 2
                """;
            lost = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            await using var delete = connection.CreateCommand();
            delete.CommandText = """
                DELETE FROM journal WHERE persistence_id = 'box-office-e1' AND sequence_number = 2
                AND EXISTS (SELECT 1 FROM journal WHERE persistence_id = 'box-office-e1' AND sequence_number = 3)
                """;
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        var result = await CliProcess.RunAsync(_folder.Path, ["verify", "--connection", store]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(new VerificationTableText.Row($"{101 - lost}", "100", $"{100 - lost}", "0", $"{lost}", "none", "FAILED"), VerificationTableText.Of(result, "e1"));
        Assert.Equal(["violation in e1: sequence numbers jump from 1 to 3: 1 missing"],
            result.StdoutLines.Where(line => line.StartsWith("violation", StringComparison.Ordinal)));
        Assert.Equal("verified 1 event: 1 event FAILED", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Verify_exits_with_2_and_leaves_the_file_as_it_was_when_it_is_empty_or_not_a_database()
    {
        var empty = _folder.File("empty.db");
        await File.WriteAllBytesAsync(empty, []);
        var junk = _folder.File("junk.db");
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(junk, bytes);

        var onEmpty = await CliProcess.RunAsync(_folder.Path, ["verify", "--connection", empty]);
        var onJunk = await CliProcess.RunAsync(_folder.Path, ["verify", "--connection", junk]);

        Assert.True(onEmpty.ExitCode == 2, onEmpty.ToString());
        Assert.Equal([$"error: the SQLite file '{empty}' has no journal table: nothing to verify (the file was left as it was)",
                "Run 'ticketactors verify --help' for the options."],
            onEmpty.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')));
        Assert.True(onJunk.ExitCode == 2, onJunk.ToString());
        Assert.StartsWith($"error: the SQLite file '{junk}' cannot be read as a SQLite database (SQLite Error 26: 'file is not a database'.)", onJunk.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(empty).Length);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(junk));
        Assert.Equal(["empty.db", "junk.db"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "--store", "mongo" }, "error: --store must be sqlite or postgres, not 'mongo'")]
    [InlineData(new[] { "--store", "postgres" }, "error: --store postgres needs --connection")]
    [InlineData(new[] { "--store", "memory" }, "error: --store memory keeps nothing between runs, so there is nothing to verify")]
    [InlineData(new[] { "--connection", "/nonexistent/file.db" }, "error: the SQLite file '/nonexistent/file.db' does not exist: nothing to verify")]
    [InlineData(new[] { "--connection", "missing.db" }, "error: the SQLite file 'missing.db' does not exist: nothing to verify")]
    [InlineData(new string[0], "error: the SQLite file 'data/tickets.db' does not exist: nothing to verify")]
    [InlineData(new[] { "--frobnicate" }, "error: Unrecognized command or argument '--frobnicate'")]
    public async Task Verify_exits_with_2_names_the_problem_on_stderr_and_creates_nothing_when_an_option_is_bad(string[] options, string problem)
    {
        var result = await CliProcess.RunAsync(_folder.Path, ["verify", .. options]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith(problem, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
        Assert.False(Directory.Exists("/nonexistent"), "verify created the folder of a missing SQLite file");
    }

    private async Task Simulate(string store, string eventId, int users = 300, int tickets = 100)
    {
        var result = await CliProcess.RunAsync(_folder.Path,
            ["simulate", "--store", "sqlite", "--connection", store, "--event", eventId, "--users", $"{users}", "--tickets", $"{tickets}", "--quiet"]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static TicketsIssued Issued(int order, string buyer, Ticket ticket) =>
        new(order, $"request-{order}", buyer, "general", [ticket], new DateTimeOffset(2027, 5, 1, 12, order, 0, TimeSpan.Zero));
}
