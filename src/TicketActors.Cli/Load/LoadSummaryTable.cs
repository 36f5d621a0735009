using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace TicketActors.Cli.Load;

/// <summary>How a finished load run looks on the console.</summary>
public static class LoadSummaryTable
{
    public static IRenderable Render(LoadReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Load run summary[/]")
            .AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), value);
        string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

        Row("Service", Markup.Escape(report.Url));
        Row("Event", Markup.Escape(report.EventId));
        Row("Category", Markup.Escape(report.Category));
        Row("Mode", report.Mode);
        Row("Requests", N(report.Requests));
        if (report.Mode != LoadReport.CheckOnlyMode)
        {
            Row("Buyers / concurrency", $"{N(report.Buyers)} / {N(report.Concurrency)}");
        }
        Row("Category capacity", N(report.Capacity));
        Row("Sold before / after", $"{N(report.SoldBefore)} / {(report.SoldAfter < 0 ? "unknown (not read)" : N(report.SoldAfter))}");
        Row(report.Mode == LoadReport.CheckOnlyMode ? "Orders re-sent, same tickets" : "Purchases (2xx)", N(report.Purchases));
        Row("Tickets purchased", N(report.TicketsPurchased));
        if (report.Holds is { } holds)
        {
            Row("Hold ttl", $"{N(holds.TtlSeconds)} s");
            Row("Holds placed / confirmed / released", $"{N(holds.Placed)} / {N(holds.Confirmed)} / {N(holds.Released)}");
        }
        foreach (var (code, count) in report.Rejected)
        {
            Row($"Answered {code}", N(count));
        }
        Row("No definite answer", N(report.Unresolved));
        Row("Retries (same key)", N(report.Retries));
        Row("Duplicates found", N(report.DuplicateTickets));
        Row("Orders read back", N(report.OrdersChecked));
        Row("Elapsed", N(report.ElapsedMs) + " ms");
        Row("Requests/s", report.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        Row("Purchases/s", report.PurchasesPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        Row("Latency p50 / p95", $"{Ms(report.LatencyMs.P50)} / {Ms(report.LatencyMs.P95)}");
        Row("Latency p99 / max", $"{Ms(report.LatencyMs.P99)} / {Ms(report.LatencyMs.Max)}");
        Row("Seed / run id", $"{report.Seed.ToString(CultureInfo.InvariantCulture)} / {Markup.Escape(report.RunId)}");
        Row("Correct", report.Correct ? "[green]OK[/]" : "[red]FAILED[/]");
        foreach (var violation in report.Violations)
        {
            table.AddRow("[red]violation[/]", Markup.Escape(violation));
        }
        return table;
    }

    public static string OneLine(LoadReport report) => string.Create(CultureInfo.InvariantCulture,
        $"check {(report.Correct ? "OK" : "FAILED")}: {report.Purchases} purchases of {report.TicketsPurchased} tickets from {report.Requests} requests, " +
        $"sold {(report.SoldAfter < 0 ? "unknown (the service could not be read at the end)" : report.SoldAfter)} of {report.Capacity} {report.Category} (before {report.SoldBefore}), {report.Unresolved} unresolved, {report.DuplicateTickets} duplicates, " +
        $"{report.RequestsPerSecond:0} requests/s, p99 {report.LatencyMs.P99:0.###} ms");
}
