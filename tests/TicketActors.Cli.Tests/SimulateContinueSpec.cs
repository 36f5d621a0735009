using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>
/// <c>simulate --event ID</c> continues an event on the same file (its buyers keep their per-buyer limit); with other
/// options it is refused, printed once, naming what differs.
/// </summary>
public sealed class SimulateContinueSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_second_run_with_the_same_options_continues_the_event_and_one_with_another_capacity_is_refused_naming_it()
    {
        var store = _folder.File("tickets.db");
        string[] run = ["simulate", "--connection", store, "--event", "gala", "--users", "5", "--quiet"];

        var first = await CliProcess.RunAsync(_folder.Path, [.. run, "--tickets", "10"]);
        var second = await CliProcess.RunAsync(_folder.Path, [.. run, "--tickets", "10"]);
        var changed = await CliProcess.RunAsync(_folder.Path, [.. run, "--tickets", "12"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("invariants OK: sold 5 of 10 tickets to 5 of 5 users in ", Assert.Single(first.StdoutLines), StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        // The same five buyer ids (user-1 .. user-5) already have their one ticket each: the limit refuses them all.
        Assert.StartsWith("invariants OK: sold 0 of 10 tickets to 0 of 5 users in ", Assert.Single(second.StdoutLines), StringComparison.Ordinal);
        Assert.True(changed.ExitCode == 1, changed.ToString());
        Assert.Equal(
            "error: the event could not be created: EventAlreadyExists: event 'gala' already exists with another definition: " +
            "category 'general' has capacity 10, limit 1, price 0 EUR; asked for capacity 12, limit 1, price 0 EUR",
            Assert.Single(changed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
