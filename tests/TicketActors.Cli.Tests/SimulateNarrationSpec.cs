using System.Globalization;
using System.Text.RegularExpressions;
using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>A small run (50 users or fewer) tells its story one line per step, then prints the summary table.</summary>
public sealed partial class SimulateNarrationSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Simulate_of_20_users_for_5_tickets_narrates_every_request_each_of_the_5_sales_and_15_sold_outs()
    {
        var result = await CliProcess.RunAsync(_folder.Path, ["simulate", "--users", "20", "--tickets", "5", "--seed", "1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.StartsWith("Box office service started: event flash-sale-", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(", 5 tickets, 20 users, store sqlite (data/tickets.db)", lines[0], StringComparison.Ordinal);

        var requesters = UserIds(lines, Requesting());
        Assert.Equal(20, requesters.Count);
        Assert.Equal(Enumerable.Range(1, 20), requesters.Order());

        var sales = lines.Select(line => Purchased().Match(line)).Where(match => match.Success).ToList();
        Assert.Equal(5, sales.Count);
        var tickets = sales.Select(sale => Number(sale, "ticket")).Order().ToList();
        Assert.Equal([1, 2, 3, 4, 5], tickets);
        foreach (var sale in sales)
        {
            // Serials are issued in order, so the sale of ticket n leaves 5 - n.
            Assert.Equal(5 - Number(sale, "ticket"), Number(sale, "remaining"));
        }

        var soldOut = UserIds(lines, SoldOut());
        Assert.Equal(15, soldOut.Count);
        // Every user got exactly one answer: a ticket or "sold out".
        Assert.Equal(Enumerable.Range(1, 20), sales.Select(sale => Number(sale, "user")).Concat(soldOut).Order());

        var lastUserLine = lines.Select((line, index) => (line, index)).Last(entry => entry.line.StartsWith("User ", StringComparison.Ordinal)).index;
        var closed = Assert.Single(lines.Select((line, index) => (line, index)), entry => entry.line == "Box office service closed").index;
        var table = Assert.Single(lines.Select((line, index) => (line, index)), entry => entry.line.Trim() == SummaryTableText.Title).index;
        Assert.True(lastUserLine < closed && closed < table, $"expected the steps, then 'closed', then the table\n{result}");

        Assert.Equal("20", SummaryTableText.Row(result, "Users"));
        // Fewer users than the window (--active-users 1,000): all of them at once.
        Assert.Equal("20", SummaryTableText.Row(result, "Users at once (at most)"));
        Assert.Equal("5", SummaryTableText.Row(result, "Tickets (capacity)"));
        Assert.Equal("5", SummaryTableText.Row(result, "Sold"));
        Assert.Equal("15", SummaryTableText.Row(result, "Rejected: SoldOut"));
        Assert.Equal("0", SummaryTableText.Row(result, "Duplicates found"));
        Assert.Equal("1", SummaryTableText.Row(result, "Seed"));
        Assert.Equal("OK", SummaryTableText.Row(result, "Invariants"));
    }

    [Fact]
    public async Task With_several_categories_each_sale_names_its_category_and_what_remains_in_it()
    {
        // 12 users of one ticket each for 6 general and 2 vip tickets; seed 4 draws enough users for each category that
        // both sell out, whatever the interleaving.
        var result = await CliProcess.RunAsync(_folder.Path,
            ["simulate", "--users", "12", "--categories", "general:6,vip:2", "--seed", "4", "--store", "memory"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var sales = result.StdoutLines.Select(line => PurchasedInCategory().Match(line)).Where(match => match.Success).ToList();
        var byCategory = sales.GroupBy(sale => sale.Groups["category"].Value).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["general", "vip"], byCategory.Keys.Order());
        foreach (var (category, capacity) in new[] { ("general", 6), ("vip", 2) })
        {
            // What remains in a category falls by one with each of its sales: capacity - 1 down to 0, each once.
            Assert.Equal(Enumerable.Range(0, capacity), byCategory[category].Select(sale => Number(sale, "remaining")).Order());
        }
        Assert.Equal(Enumerable.Range(1, 8), sales.Select(sale => Number(sale, "ticket")).Order());
        Assert.DoesNotContain(result.StdoutLines, line => Purchased().IsMatch(line));
    }

    [Fact]
    public async Task A_verbose_run_of_3000_users_prints_every_step_in_the_narration_format_before_it_closes()
    {
        // 3,000 users log 6,000 lines faster than the console prints them; before the loggers were drained at the end,
        // Akka printed the backlog with its own standard-output logger ("[INFO][date][thread][path] ...").
        var result = await CliProcess.RunAsync(_folder.Path,
            ["simulate", "--users", "3000", "--tickets", "700", "--verbose", "--seed", "2", "--store", "memory"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, result.ToString());
        var lines = result.StdoutLines;
        var closed = lines.ToList().IndexOf("Box office service closed");
        var steps = lines.Take(closed).Where(line => line.StartsWith("User ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, 3000), UserIds(steps, Requesting()).Order());
        Assert.Equal(700, steps.Count(line => Purchased().IsMatch(line)));
        Assert.Equal(2300, UserIds(steps, SoldOut()).Count);
        Assert.DoesNotContain(lines, line => line.StartsWith('['));
    }

    private static List<int> UserIds(IEnumerable<string> lines, Regex pattern) =>
        [.. lines.Select(line => pattern.Match(line)).Where(match => match.Success).Select(match => Number(match, "user"))];

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^User (?<user>\d+): requesting 1 ticket$")]
    private static partial Regex Requesting();

    [GeneratedRegex(@"^User (?<user>\d+) purchased ticket (?<ticket>\d+)\. Tickets remaining: (?<remaining>\d+)$")]
    private static partial Regex Purchased();

    [GeneratedRegex(@"^User (?<user>\d+) purchased (?<category>general|vip) ticket (?<ticket>\d+)\. Tickets remaining in that category: (?<remaining>\d+)$")]
    private static partial Regex PurchasedInCategory();

    [GeneratedRegex(@"^User (?<user>\d+): sold out$")]
    private static partial Regex SoldOut();
}
