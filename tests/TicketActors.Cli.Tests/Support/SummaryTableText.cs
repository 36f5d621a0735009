using System.Text.RegularExpressions;

namespace TicketActors.Cli.Tests.Support;

/// <summary>Reads the printed summary table back: a row is "│ name │ value │" (or "| name | value |" where the console has no box characters).</summary>
public static partial class SummaryTableText
{
    public const string Title = "Flash sale summary";

    /// <summary>The value of the one row called <paramref name="name"/>; fails the test when there is not exactly one.</summary>
    public static string Row(CliResult result, string name)
    {
        var values = result.StdoutLines
            .Select(line => RowPattern().Match(line))
            .Where(match => match.Success && match.Groups["name"].Value == name)
            .Select(match => match.Groups["value"].Value)
            .ToList();
        Assert.True(values.Count == 1, $"expected exactly one summary row '{name}', found {values.Count}.\n{result}");
        return values[0];
    }

    [GeneratedRegex(@"^\s*[│|]\s(?<name>\S.*?)\s+[│|]\s+(?<value>\S.*?)\s[│|]\s*$")]
    private static partial Regex RowPattern();
}
