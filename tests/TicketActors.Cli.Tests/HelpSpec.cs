using System.Text.RegularExpressions;
using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary><c>ticketactors --help</c> and <c>ticketactors simulate --help</c> say what the program can do.</summary>
public sealed class HelpSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Help_exits_with_0_and_lists_the_simulate_command()
    {
        var result = await CliProcess.RunAsync(_folder.Path, ["--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        Assert.Contains(result.StdoutLines, line => Regex.IsMatch(line, @"^\s+simulate\s+Sell one event's tickets to many concurrent user actors"));
    }

    [Fact]
    public async Task Simulate_help_exits_with_0_and_lists_every_option()
    {
        var result = await CliProcess.RunAsync(_folder.Path, ["simulate", "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        foreach (var option in new[] { "--users", "--tickets", "--quantity", "--categories", "--limit", "--seed", "--event", "--timeout", "--attempts", "--active-users", "--verbose", "--quiet", "--report-json", "--hold-confirm", "--hold-ttl", "--think", "--abandon" })
        {
            Assert.Contains(result.StdoutLines, line => Regex.IsMatch(line, $@"^\s+(-\w, )?{option} "));
        }
    }

    [Fact]
    public async Task Load_help_exits_with_0_and_lists_every_option()
    {
        var result = await CliProcess.RunAsync(_folder.Path, ["load", "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        foreach (var option in new[] { "--url", "--event", "--buyers", "--requests", "--concurrency", "--quantity", "--category", "--hold-confirm", "--hold-ttl", "--admin-key", "--tickets", "--limit", "--timeout", "--attempts", "--seed", "--quiet", "--report-json", "--orders", "--check-only" })
        {
            Assert.Contains(result.StdoutLines, line => Regex.IsMatch(line, $@"^\s+(-\w, )?{option} "));
        }
    }

    [Fact]
    public async Task Ticketactors_without_a_command_exits_with_2_and_asks_for_one()
    {
        var result = await CliProcess.RunAsync(_folder.Path, []);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stdout.Length == 0, result.ToString());
        Assert.Contains("error: Required command was not provided.", result.Stderr, StringComparison.Ordinal);
    }
}
