using System.Text.Json;
using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>
/// <c>ticketactors simulate --hold-confirm</c>: users hold, think, then confirm or walk away. The runs below choose
/// think times and ttls whose outcome does not depend on timing: a confirm is decided against the hold's deadline, and
/// the run ends only when the box office has expired every abandoned hold.
/// </summary>
public sealed class SimulateHoldConfirmSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Users_who_confirm_at_once_within_a_long_ttl_all_get_their_tickets()
    {
        var (report, line) = await RunAsync("--hold-ttl", "60", "--think", "0", "--abandon", "0");

        Assert.Equal((30, 30, 0, 0), Holds(report));
        Assert.Equal((30, 0, 70), (report.GetProperty("sold").GetInt32(), report.GetProperty("held").GetInt32(), report.GetProperty("available").GetInt32()));
        Assert.Equal(30, report.GetProperty("ticketsReceived").GetInt32());
        Assert.EndsWith("; holds: 30 placed, 30 confirmed, 0 expired, 0 abandoned", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_who_think_longer_than_the_ttl_find_their_holds_expired_and_nothing_is_sold()
    {
        var (report, _) = await RunAsync("--hold-ttl", "0.3", "--think", "0.8", "--abandon", "0");

        Assert.Equal((30, 0, 30, 0), Holds(report));
        Assert.Equal(new Dictionary<string, int> { ["HoldExpired"] = 30 }, Counts(report.GetProperty("rejected")));
        Assert.Equal((0, 0, 100), (report.GetProperty("sold").GetInt32(), report.GetProperty("held").GetInt32(), report.GetProperty("available").GetInt32()));
    }

    [Fact]
    public async Task Holds_of_users_who_walk_away_are_expired_by_the_box_office_before_the_run_is_checked()
    {
        var (report, _) = await RunAsync("--hold-ttl", "0.5", "--think", "0", "--abandon", "100");

        Assert.Equal((30, 0, 0, 30), Holds(report));
        Assert.Equal((0, 0, 100), (report.GetProperty("sold").GetInt32(), report.GetProperty("held").GetInt32(), report.GetProperty("available").GetInt32()));
        Assert.Equal(0, report.GetProperty("timedOut").GetInt32());
    }

    private async Task<(JsonElement Report, string Line)> RunAsync(params string[] holdOptions)
    {
        var path = _folder.File("report.json");
        var result = await CliProcess.RunAsync(_folder.Path,
            ["simulate", "--users", "30", "--tickets", "100", "--store", "memory", "--seed", "7", "--quiet", "--report-json", path, "--hold-confirm", .. holdOptions]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var report = json.RootElement.Clone();
        Assert.True(report.GetProperty("invariantsHold").GetBoolean(), result.ToString());
        return (report, Assert.Single(result.StdoutLines));
    }

    private static (int Held, int Confirmed, int Expired, int Abandoned) Holds(JsonElement report)
    {
        var holds = report.GetProperty("holds");
        return (holds.GetProperty("held").GetInt32(), holds.GetProperty("confirmed").GetInt32(),
            holds.GetProperty("expired").GetInt32(), holds.GetProperty("abandoned").GetInt32());
    }

    private static Dictionary<string, int> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
