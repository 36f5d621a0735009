using TicketActors.Cli.Tests.Support;

namespace TicketActors.Cli.Tests;

/// <summary>A wrong <c>load</c> command line is refused with exit code 2 before anything is sent; no report is written.</summary>
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
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--timeout", "0" }, "--timeout must be more than 0 and at most 3600 seconds, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--attempts", "0" }, "--attempts must be 1-100, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--tickets", "10" }, "--tickets and --limit describe the event to create: they need --admin-key")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--admin-key", "k", "--tickets", "0" }, "--tickets must be 1-10000000, not 0")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--check-only" }, "--check-only needs --orders")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--event", "e1", "--check-only", "--orders", "none.jsonl" }, "--orders 'none.jsonl' does not exist")]
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
}
