using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TicketActors.Actors.BoxOffice;
using TicketActors.Cli.Tests.Support;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Cli.Tests;

/// <summary>
/// "Nothing acknowledged is lost", against the real program and a real <c>kill -9</c>: a narrated simulate prints
/// <c>User N purchased ticket S</c> only after user N got the reply, and the box office replies only after the journal
/// write. The spec kills the process mid-sale, three times on the same SQLite file and event, and after each kill
/// checks that verify passes and that every printed purchase is in the journal exactly as printed, nothing twice.
/// </summary>
public sealed partial class CrashRecoverySpec : IDisposable
{
    // Sizes: the narration is slower than the sale (every user logs "requesting" before any purchase line of a late
    // batch is printed, and the logger lags behind), so the sale must be long enough to still be running when the
    // 200th purchase line arrives. 50,000 users give that with a wide margin, and the spec fails if a kill comes late.
    // A per-buyer limit of 10 lets every user buy again in the next run, so each run is a full sale.
    private const int Users = 50_000;
    private const int Tickets = 1_000_000;
    private const int Limit = 10;
    private const int KillAfterAcknowledged = 200;
    private const int Kills = 3;
    private const int FinalUsers = 2_000;
    private const string EventId = "crash";

    private static readonly TimeSpan RunPatience = TimeSpan.FromSeconds(120);
    private readonly TempFolder _folder = new();
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public CrashRecoverySpec(ITestOutputHelper output) => _output = output;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Simulate_killed_with_kill_9_mid_sale_three_times_loses_no_acknowledged_purchase_and_issues_nothing_twice()
    {
        var store = _folder.File("crash.db");
        var acknowledged = new List<Acknowledged>();
        var soldBefore = 0;

        for (var kill = 1; kill <= Kills; kill++)
        {
            var printed = await SimulateUntilKilledAsync(store);
            acknowledged.AddRange(printed);
            Log($"kill {kill}: {printed.Count} purchases printed before the kill");

            var verified = AssertVerifyPassesAsync(store);
            var issued = await IssuedAsync(store);
            await verified;
            var sold = issued.Sum(order => order.Tickets.Length);
            Log($"kill {kill}: verify passed; the journal holds {sold - soldBefore} tickets of this run ({sold} in all)");
            Assert.True(sold - soldBefore < Users,
                $"kill {kill} came after the sale had ended ({sold - soldBefore} of {Users} sold in the run): it tested nothing in flight; make the run longer");
            AssertStoredExactlyAsAcknowledged(acknowledged, issued);
            AssertNoSerialOrCodeTwice(issued);
            soldBefore = sold;
        }

        // A run that is left to finish continues the same event from the journal.
        var final = await CliProcess.RunAsync(_folder.Path,
            [.. SimulateArguments(store, FinalUsers), "--quiet"], RunPatience);
        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.Matches(FinalLine(), final.StdoutLines[^1]);
        Log($"final run: {final.StdoutLines[^1]}");
        var verifiedAtLast = AssertVerifyPassesAsync(store);
        var afterFinal = await IssuedAsync(store);
        await verifiedAtLast;
        Log("final run: verify passed");
        Assert.Equal(soldBefore + FinalUsers, afterFinal.Sum(order => order.Tickets.Length));
        AssertStoredExactlyAsAcknowledged(acknowledged, afterFinal);
        AssertNoSerialOrCodeTwice(afterFinal);
    }

    private void Log(string text) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {text}");

    /// <summary>A purchase the program printed: user N got the tickets with serials First..Last.</summary>
    private sealed record Acknowledged(int User, int First, int Last, string Line);

    /// <summary>Starts a narrated simulate, reads its purchase lines as they come, and kills it (SIGKILL) after 200 of them.</summary>
    private async Task<List<Acknowledged>> SimulateUntilKilledAsync(string store)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[CliProcess.ProgramPath, .. SimulateArguments(store, Users), "--verbose"])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var acknowledged = new List<Acknowledged>();
        var lines = 0;
        using var deadline = new CancellationTokenSource(RunPatience);
        try
        {
            while (acknowledged.Count < KillAfterAcknowledged)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(deadline.Token);
                    Assert.Fail($"simulate ended (exit code {process.ExitCode}) after {acknowledged.Count} purchase lines, before the kill: " +
                        $"the run must still be selling when {KillAfterAcknowledged} purchases are acknowledged.\n--- stderr ---\n{await stderr}");
                }
                lines++;
                if (Parse(line) is { } purchase)
                {
                    acknowledged.Add(purchase);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"simulate printed {acknowledged.Count} purchases in {lines} lines within {RunPatience.TotalSeconds:0} s, not {KillAfterAcknowledged}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(RunPatience);
        Assert.Equal(137, process.ExitCode);
        // Whatever was printed before the kill is in the pipe still: those purchases were acknowledged too.
        var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(RunPatience);
        foreach (var line in rest.Split('\n'))
        {
            if (Parse(line) is { } purchase)
            {
                acknowledged.Add(purchase);
            }
        }
        await stderr.WaitAsync(RunPatience);
        return acknowledged;
    }

    private async Task AssertVerifyPassesAsync(string store)
    {
        var verify = await CliProcess.RunAsync(_folder.Path, ["verify", "--connection", store], RunPatience);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal("OK", VerificationTableText.Of(verify, EventId).Result);
        Assert.Equal("verified 1 event: all invariants hold", verify.StdoutLines[^1]);
    }

    /// <summary>Every order in the event's journal (group-commit entries unpacked), read in-process through the SQL read journal.</summary>
    private static async Task<List<TicketsIssued>> IssuedAsync(string store)
    {
        await using var system = SqliteStoreSystem.Start(store);
        var journal = await system.JournalAsync($"box-office-{EventId}");
        return [.. journal.SelectMany(envelope => EventBatch.Unpack(envelope.Event)).OfType<TicketsIssued>()];
    }

    /// <summary>For each printed purchase, an order of buyer <c>user-N</c> holds exactly the printed serials.</summary>
    private static void AssertStoredExactlyAsAcknowledged(List<Acknowledged> acknowledged, List<TicketsIssued> issued)
    {
        var byFirstSerial = issued.ToDictionary(order => order.Tickets[0].Serial);
        var missing = new List<string>();
        foreach (var purchase in acknowledged)
        {
            if (!byFirstSerial.TryGetValue(purchase.First, out var order) ||
                order.BuyerId != $"user-{purchase.User}" ||
                order.Tickets[^1].Serial != purchase.Last ||
                order.Tickets.Length != purchase.Last - purchase.First + 1)
            {
                var stored = order is null ? "no order starts at that serial" : $"the journal has order {order.OrderNumber} of {order.BuyerId}, serials {order.Tickets[0].Serial}-{order.Tickets[^1].Serial}";
                missing.Add($"{purchase.Line}  =>  {stored}");
            }
        }
        Assert.True(missing.Count == 0,
            $"{missing.Count} of {acknowledged.Count} acknowledged purchases are not in the journal as printed:\n{string.Join('\n', missing.Take(20))}");
    }

    private static void AssertNoSerialOrCodeTwice(List<TicketsIssued> issued)
    {
        var tickets = issued.SelectMany(order => order.Tickets).ToList();
        Assert.Equal(tickets.Count, tickets.Select(t => t.Serial).Distinct().Count());
        Assert.Equal(tickets.Count, tickets.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
    }

    private static string[] SimulateArguments(string store, int users) =>
    [
        "simulate", "--store", "sqlite", "--connection", store, "--event", EventId,
        "--users", users.ToString(CultureInfo.InvariantCulture), "--tickets", Tickets.ToString(CultureInfo.InvariantCulture),
        "--limit", Limit.ToString(CultureInfo.InvariantCulture), "--timeout", "30",
    ];

    private static Acknowledged? Parse(string line)
    {
        var match = Purchased().Match(line);
        if (!match.Success)
        {
            return null;
        }
        var first = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
        var last = match.Groups["last"].Success ? int.Parse(match.Groups["last"].Value, CultureInfo.InvariantCulture) : first;
        return new Acknowledged(int.Parse(match.Groups["user"].Value, CultureInfo.InvariantCulture), first, last, line);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // Serilog prints "User 7 purchased ticket 12. ..."; lines still queued in Akka's logger when it stops are printed
    // by Akka's standard-out logger as "[INFO][...] User 7 purchased ticket "12". ...": both are acknowledgements.
    [GeneratedRegex("""User (?<user>\d+) purchased tickets? "?(?<first>\d+)(?:-(?<last>\d+))?"?\. Tickets remaining: \d+$""")]
    private static partial Regex Purchased();

    [GeneratedRegex($@"^invariants OK: sold {FinalUsersText} of {TicketsText} tickets to {FinalUsersText} of {FinalUsersText} users in \d+ ms, 0 duplicates$")]
    private static partial Regex FinalLine();

    private const string FinalUsersText = "2000";
    private const string TicketsText = "1000000";
}
