using System.Text.RegularExpressions;

namespace TicketActors.Cli.Tests.Support;

/// <summary>
/// Reads the table of <c>ticketactors verify</c> back: a row is "│ event │ events │ capacity │ sold │ held │ available │
/// snapshot │ result │" (or with "|" where the console has no box characters).
/// </summary>
public static partial class VerificationTableText
{
    public const string Title = "Journal verification";

    /// <summary>One event's row as the printed cells, without the event id.</summary>
    public sealed record Row(string Events, string Capacity, string Sold, string Held, string Available, string Snapshot, string Result);

    /// <summary>Fails the test, showing the whole run, unless the table's rows name exactly these events, top to bottom.</summary>
    public static void AssertEventIds(CliResult result, params string[] expected)
    {
        string[] actual = [.. Cells(result).Select(cells => cells[0]).Where(id => id != "Event")];
        Assert.True(actual.SequenceEqual(expected),
            $"expected the rows [{string.Join(", ", expected)}], found [{string.Join(", ", actual)}].\n{result}");
    }

    /// <summary>The one row of <paramref name="eventId"/>; fails the test when there is not exactly one.</summary>
    public static Row Of(CliResult result, string eventId)
    {
        var rows = Cells(result).Where(cells => cells[0] == eventId).ToList();
        Assert.True(rows.Count == 1, $"expected exactly one row for event '{eventId}', found {rows.Count}.\n{result}");
        var c = rows[0];
        return new Row(c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
    }

    private static IEnumerable<string[]> Cells(CliResult result) =>
        result.StdoutLines
            .Where(line => RowPattern().IsMatch(line))
            .Select(line => line.Trim().Trim('│', '|').Split('│', '|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length == 8);

    [GeneratedRegex(@"^\s*[│|](\s[^│|]*\s[│|]){8}\s*$")]
    private static partial Regex RowPattern();
}
