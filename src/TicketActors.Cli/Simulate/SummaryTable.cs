using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using TicketActors.Actors.Simulation;

namespace TicketActors.Cli.Simulate;

/// <summary>How a finished run looks on the console.</summary>
public static class SummaryTable
{
    public static IRenderable Render(SimulationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Flash sale summary[/]")
            .AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), value);
        string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

        Row("Event", Markup.Escape(report.EventId));
        Row("Users", N(report.Users));
        Row("Users at once (at most)", N(report.ActiveUsers));
        Row("Tickets (capacity)", N(report.Capacity));
        Row("Sold", N(report.Sold));
        if (report.SoldBefore > 0)
        {
            Row("Sold by earlier runs", N(report.SoldBefore));
        }
        Row("Orders", N(report.Orders));
        foreach (var (reason, count) in report.Rejected)
        {
            Row($"Rejected: {reason}", N(count));
        }
        if (report.Holds is { } holds)
        {
            Row("Holds placed", N(holds.Held));
            Row("  confirmed", N(holds.Confirmed));
            Row("  expired before the confirm", N(holds.Expired));
            Row("  abandoned (expired by the box office)", N(holds.Abandoned));
        }
        Row("No reply (gave up)", N(report.TimedOut));
        Row("Retries", N(report.Retries));
        Row("Duplicates found", N(report.DuplicateTickets));
        if (report.Categories.Count > 1)
        {
            foreach (var category in report.Categories)
            {
                Row($"  {category.Category}", $"{N(category.Sold)} sold / {N(category.Capacity)}");
            }
        }
        Row("Elapsed", report.ElapsedMs.ToString("N0", CultureInfo.InvariantCulture) + " ms");
        Row("Users answered/s", report.PurchasesPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        Row("Latency p50 / p95", $"{Ms(report.LatencyMs.P50)} / {Ms(report.LatencyMs.P95)}");
        Row("Latency p99 / max", $"{Ms(report.LatencyMs.P99)} / {Ms(report.LatencyMs.Max)}");
        Row("Seed", report.Seed.ToString(CultureInfo.InvariantCulture));
        Row("Invariants", report.InvariantsHold ? "[green]OK[/]" : "[red]FAILED[/]");
        foreach (var violation in report.Violations)
        {
            table.AddRow("[red]violation[/]", Markup.Escape(violation));
        }
        return table;
    }

    public static string OneLine(SimulationReport report)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"invariants {(report.InvariantsHold ? "OK" : "FAILED")}: sold {report.Sold} of {report.Capacity} tickets to {report.Orders} of {report.Users} users in {report.ElapsedMs} ms, {report.DuplicateTickets} duplicates");
        if (report.Holds is { } h)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; holds: {h.Held} placed, {h.Confirmed} confirmed, {h.Expired} expired, {h.Abandoned} abandoned");
        }
        // A failed run says why on the same line: the table lists its violations, the one-line form must too.
        return string.Concat(line, string.Concat(report.Violations.Select(violation => "; violation: " + violation)));
    }
}
