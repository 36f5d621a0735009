using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>A wrong command line is refused with exit code 2 and a message on stderr; nothing is sold and no report is written.</summary>
public sealed class SimulateBadOptionsSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(new[] { "--users", "0" }, "--users must be 1-10000000, not 0")]
    [InlineData(new[] { "--users", "-3" }, "--users must be 1-10000000, not -3")]
    [InlineData(new[] { "--active-users", "0" }, "--active-users must be 1-10000000, not 0")]
    [InlineData(new[] { "--active-users", "many" }, "--active-users must be a whole number, not 'many'")]
    [InlineData(new[] { "--tickets", "-5" }, "--tickets must be 1-10000000, not -5")]
    [InlineData(new[] { "--tickets", "0" }, "--tickets must be 1-10000000, not 0")]
    [InlineData(new[] { "--users", "abc" }, "--users must be a whole number, not 'abc'")]
    [InlineData(new[] { "--users", "9999999999" }, "--users is out of range: '9999999999'")]
    [InlineData(new[] { "--tickets", "1.5" }, "--tickets must be a whole number, not '1.5'")]
    [InlineData(new[] { "--timeout", "soon" }, "--timeout must be a number, not 'soon'")]
    [InlineData(new[] { "--timeout", "1e-9" }, "--timeout must be 0.01-3600 seconds, not 1E-09")]
    [InlineData(new[] { "--timeout", "3601" }, "--timeout must be 0.01-3600 seconds, not 3601")]
    [InlineData(new[] { "--quantity", "0" }, "--quantity: '0' is not a quantity: the numbers must be 1 or more, the lower first")]
    [InlineData(new[] { "--quantity", "4-1" }, "--quantity: '4-1' is not a quantity: the numbers must be 1 or more, the lower first")]
    [InlineData(new[] { "--quantity", "1-" }, "--quantity: '1-' is not a quantity: use a whole number like 2 or a range like 1-4")]
    [InlineData(new[] { "--quantity", "x" }, "--quantity: 'x' is not a quantity: use a whole number like 2 or a range like 1-4")]
    [InlineData(new[] { "--categories", "general" }, "--categories: 'general' is not name:capacity[:price]")]
    [InlineData(new[] { "--categories", "general:0" }, "--categories: 'general:0' is not name:capacity[:price]")]
    [InlineData(new[] { "--categories", "general:10,general:5" }, "--categories: 'general' is given twice")]
    [InlineData(new[] { "--categories", "bad name:5" }, "--categories: 'bad name:5' is not name:capacity[:price]")]
    [InlineData(new[] { "--tickets", "7", "--categories", "general:5,vip:1" }, "--tickets 7 does not match the sum of --categories (6)")]
    [InlineData(new[] { "--limit", "0" }, "--limit must be 1 or more, not 0")]
    [InlineData(new[] { "--limit", "lots" }, "--limit: 'lots' is not a limit: a whole number (4) or category:number (vip:2)")]
    [InlineData(new[] { "--limit", ":2" }, "--limit: ':2' is not a limit: a whole number (4) or category:number (vip:2)")]
    [InlineData(new[] { "--limit", "vip:2" }, "--limit: unknown category 'vip'; the categories are general")]
    [InlineData(new[] { "--categories", "general:90,vip:10", "--limit", "4,balcony:2" }, "--limit: unknown category 'balcony'; the categories are general, vip")]
    [InlineData(new[] { "--categories", "general:90,vip:10", "--limit", "vip:0" }, "--limit of 'vip' must be 1 or more, not 0")]
    [InlineData(new[] { "--categories", "general:90,vip:10", "--limit", "vip:2,vip:3" }, "--limit: 'vip' is given twice")]
    [InlineData(new[] { "--verbose", "--quiet" }, "--verbose and --quiet cannot be used together")]
    [InlineData(new[] { "--event", "bad id!" }, "--event 'bad id!' is not a valid event id")]
    [InlineData(new[] { "--hold-confirm", "--hold-ttl", "0" }, "--hold-ttl must be at least 0.001 and at most 3600 seconds, not 0")]
    [InlineData(new[] { "--hold-confirm", "--hold-ttl", "1e-9" }, "--hold-ttl must be at least 0.001 and at most 3600 seconds, not 1E-09")]
    [InlineData(new[] { "--hold-confirm", "--think", "3-1" }, "--think: '3-1' is not a think time")]
    [InlineData(new[] { "--hold-confirm", "--think", "soon" }, "--think: 'soon' is not a think time")]
    [InlineData(new[] { "--hold-confirm", "--abandon", "101" }, "--abandon must be a percentage from 0 to 100, not 101")]
    [InlineData(new[] { "--think", "1" }, "--think works only with --hold-confirm (users buy at once without it)")]
    [InlineData(new[] { "--abandon", "20" }, "--abandon works only with --hold-confirm (users buy at once without it)")]
    [InlineData(new[] { "--hold-ttl", "5" }, "--hold-ttl works only with --hold-confirm (users buy at once without it)")]
    [InlineData(new[] { "--frobnicate" }, "Unrecognized command or argument '--frobnicate'")]
    public async Task Simulate_exits_with_2_names_the_problem_on_stderr_and_sells_nothing_when_an_option_is_bad(string[] options, string problem)
    {
        var report = _folder.File("report.json");

        var result = await CliProcess.RunAsync(_folder.Path, ["simulate", .. options, "--report-json", report]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal) && line.Contains(problem, StringComparison.Ordinal));
        Assert.False(File.Exists(report), $"the report was written although the options are bad\n{result}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Theory]
    [InlineData("simulate", "Run 'ticketactors simulate --help' for the options.")]
    [InlineData("load", "Run 'ticketactors load --help' for the options.")]
    [InlineData("verify", "Run 'ticketactors verify --help' for the options.")]
    [InlineData("simulate", "Run 'ticketactors simulate --help' for the options.", "--users", "0")]
    [InlineData("load", "Run 'ticketactors load --help' for the options.", "--buyers", "0")]
    [InlineData("verify", "Run 'ticketactors verify --help' for the options.", "--store", "paper")]
    public async Task An_option_the_command_does_not_know_or_a_bad_value_points_to_that_commands_help(string command, string hint, params string[] options)
    {
        var result = await CliProcess.RunAsync(_folder.Path, [command, .. options.Length == 0 ? ["--frobnicate"] : options]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(hint, result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Fact]
    public async Task Simulate_exits_with_2_and_names_the_categories_when_their_capacities_add_up_past_what_an_int_holds()
    {
        // 215 categories of the largest allowed capacity (10,000,000) add up to 2,150,000,000 > int.MaxValue.
        var categories = string.Join(',', Enumerable.Range(1, 215).Select(i => $"c{i}:10000000"));

        var result = await CliProcess.RunAsync(_folder.Path, ["simulate", "--tickets", "5", "--categories", categories]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal) && line.Contains("--categories", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_exits_with_2_when_the_categories_add_up_to_more_than_an_event_sells()
    {
        var result = await CliProcess.RunAsync(_folder.Path, ["simulate", "--categories", "general:6000000,vip:6000000"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        Assert.Contains("error: --categories: the capacities add up to 12000000; an event sells at most 10000000", result.Stderr, StringComparison.Ordinal);
    }
}
