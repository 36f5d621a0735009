using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>
/// A wrong <c>load</c> command line is refused with exit code 2 before anything is sent (a category the event does not
/// have: after reading its availability, before any purchase); no report is written.
/// </summary>
public sealed class LoadBadOptionsSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(new[] { "--event", "e1" }, "--url is required")]
    [InlineData(new[] { "--url", "ftp://127.0.0.1", "--event", "e1" }, "--url 'ftp://127.0.0.1' is not an http:// or https:// address")]
    [InlineData(new[] { "--url", "localhost", "--event", "e1" }, "--url 'localhost' is not an http:// or https:// address")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1" }, "--event is required")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "bad id!" }, "--event 'bad id!' is not a valid event id")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--buyers", "0" }, "--buyers must be 1-10000000, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--requests", "-1" }, "--requests must be 1-10000000, not -1")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--requests", "many" }, "--requests must be a whole number, not 'many'")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--concurrency", "0" }, "--concurrency must be 1-10000, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--quantity", "3-1" }, "--quantity: '3-1' is not a quantity")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--timeout", "0" }, "--timeout must be 0.01-3600 seconds, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--timeout", "0.001" }, "--timeout must be 0.01-3600 seconds, not 0.001")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--attempts", "0" }, "--attempts must be 1-100, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--tickets", "10" }, "--tickets and --limit describe the event to create: they need --admin-key")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--admin-key", "k", "--tickets", "0" }, "--tickets must be 1-10000000, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--check-only" }, "--check-only needs --orders")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--check-only", "--orders", "none.jsonl" }, "--orders 'none.jsonl' does not exist")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--category", "vip seats" }, "--category 'vip seats' is not a valid category name: 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--category", "-vip" }, "--category '-vip' is not a valid category name")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--category", "" }, "--category '' is not a valid category name")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--hold-confirm", "--hold-ttl", "0" }, "--hold-ttl must be 1-3600 seconds, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--hold-confirm", "--hold-ttl", "4000" }, "--hold-ttl must be 1-3600 seconds, not 4000")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--hold-ttl", "4000" }, "--hold-ttl must be 1-3600 seconds, not 4000")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--hold-confirm", "--hold-ttl", "1.5" }, "--hold-ttl must be a whole number, not '1.5'")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--frobnicate" }, "Unrecognized command or argument '--frobnicate'")]
    public async Task Load_exits_with_2_names_the_problem_on_stderr_and_sends_nothing_when_an_option_is_bad(string[] options, string problem)
    {
        var report = _folder.File("report.json");

        var result = await CliProcess.RunAsync(_folder.Path, ["load", .. options, "--report-json", report]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal) && line.Contains(problem, StringComparison.Ordinal));
        Assert.False(File.Exists(report), $"the report was written although the options are bad\n{result}");
    }

    [Fact]
    public async Task Load_on_an_existing_event_without_the_category_exits_with_2_names_the_events_categories_and_sells_nothing()
    {
        await using var service = await ServiceProcess.StartAsync(_folder.Path);
        await service.CreateEventAsync("two-rooms", ("general", 30, 4), ("vip", 10, 2));
        var report = _folder.File("report.json");
        var orders = _folder.File("orders.jsonl");

        var result = await CliProcess.RunAsync(_folder.Path,
            ["load", "--url", service.Url, "--event", "two-rooms", "--category", "balcony", "--requests", "20", "--report-json", report, "--orders", orders]);

        Assert.True(result.ExitCode == 2, $"{result}\n{service.Output}");
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        Assert.Equal("error: --category: event two-rooms has no category 'balcony'; its categories are general, vip", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r'));
        Assert.False(File.Exists(report), $"the report was written although the category is unknown\n{result}");
        Assert.False(File.Exists(orders), $"the orders file was written although the category is unknown\n{result}");
        Assert.Equal((40, 0, 0, 40), await service.AvailabilityAsync("two-rooms"));
        Assert.Equal(new Dictionary<string, (int, int, int, int)> { ["general"] = (30, 0, 0, 30), ["vip"] = (10, 0, 0, 10) }, await service.CategoriesAsync("two-rooms"));
    }
}
