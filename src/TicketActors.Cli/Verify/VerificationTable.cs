using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using TicketActors.Actors.Verification;

namespace TicketActors.Cli.Verify;

/// <summary>How a verified store looks on the console: one row per event, then one line for the whole store.</summary>
public static class VerificationTable
{
    public const string Title = "Journal verification";

    public static IRenderable Render(VerificationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Title}[/]")
            .AddColumn("Event")
            .AddColumn(new TableColumn("Events").RightAligned())
            .AddColumn(new TableColumn("Capacity").RightAligned())
            .AddColumn(new TableColumn("Sold").RightAligned())
            .AddColumn(new TableColumn("Held").RightAligned())
            .AddColumn(new TableColumn("Available").RightAligned())
            .AddColumn("Snapshot")
            .AddColumn("Result");
        foreach (var e in report.Events)
        {
            table.AddRow(
                Markup.Escape(e.EventId), N(e.JournalEvents), N(e.Capacity), N(e.Sold), N(e.Held), N(e.Available),
                Snapshot(e.Snapshot), e.Ok ? "[green]OK[/]" : "[red]FAILED[/]");
        }
        return table;
    }

    /// <summary>"none", "at 20: OK", "at 20: MISMATCH" or "at 20: UNREADABLE".</summary>
    public static string Snapshot(SnapshotCheck snapshot) => snapshot.Status switch
    {
        SnapshotStatus.None => "none",
        SnapshotStatus.Matches => $"at {N(snapshot.SequenceNr)}: [green]OK[/]",
        SnapshotStatus.Mismatch => $"at {N(snapshot.SequenceNr)}: [red]MISMATCH[/]",
        _ => snapshot.SequenceNr > 0 ? $"at {N(snapshot.SequenceNr)}: [red]UNREADABLE[/]" : "[red]UNREADABLE[/]",
    };

    /// <summary>"verified 3 events: all invariants hold" or "verified 3 events: 1 event FAILED".</summary>
    public static string OneLine(VerificationReport report) =>
        report.AllHold
            ? $"verified {Events(report.Events.Count)}: all invariants hold"
            : $"verified {Events(report.Events.Count)}: {Events(report.Failed)} FAILED";

    private static string Events(int count) => count == 1 ? "1 event" : string.Create(CultureInfo.InvariantCulture, $"{count} events");

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
