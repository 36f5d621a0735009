using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>A run of more than 50 users does not narrate: progress and the summary table only.</summary>
public sealed class SimulateLargeRunSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Simulate_of_2000_users_without_verbose_prints_no_line_per_user_and_ends_with_the_summary_table()
    {
        var result = await CliProcess.RunAsync(_folder.Path, ["simulate", "--users", "2000", "--tickets", "500", "--seed", "11"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(result.StdoutLines, line => line.StartsWith("User ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.StdoutLines, line => line.StartsWith("Box office service", StringComparison.Ordinal));
        Assert.Single(result.StdoutLines, line => line.Trim() == SummaryTableText.Title);
        Assert.Equal("2,000", SummaryTableText.Row(result, "Users"));
        Assert.Equal("500", SummaryTableText.Row(result, "Tickets (capacity)"));
        Assert.Equal("500", SummaryTableText.Row(result, "Sold"));
        Assert.Equal("500", SummaryTableText.Row(result, "Orders"));
        Assert.Equal("1,500", SummaryTableText.Row(result, "Rejected: SoldOut"));
        Assert.Equal("0", SummaryTableText.Row(result, "No reply (gave up)"));
        Assert.Equal("0", SummaryTableText.Row(result, "Duplicates found"));
        Assert.Equal("11", SummaryTableText.Row(result, "Seed"));
        Assert.Equal("OK", SummaryTableText.Row(result, "Invariants"));
    }
}
