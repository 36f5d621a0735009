using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TicketActors.Benchmarks.Durable;

/// <summary>When and where the benchmark ran, and the command that reproduces it.</summary>
public sealed record RunContext(DateTimeOffset StartedAt, string Command, string Machine, string? LoadAverage, DurableOptions Options)
{
    public static RunContext Capture(DurableOptions options, IReadOnlyList<string> args)
    {
        var command = "dotnet run -c Release --project bench/TicketActors.Benchmarks -- " + string.Join(' ', args);
        return new RunContext(DateTimeOffset.Now, command, BenchMachine.Description, BenchMachine.LoadAverage(), options);
    }
}

/// <summary>The table (Markdown) and the same figures as JSON.</summary>
public sealed class DurableReport(RunContext context, IReadOnlyList<BenchmarkRow> rows, RecoveryResult? recovery, string? recoveryError)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public bool AllCorrect => rows.All(r => r.Correct) && recoveryError is null && (recovery is null || recovery.Correct);

    private BenchmarkRow? Baseline(int buyers) =>
        rows.FirstOrDefault(r => r.Design == RowLockBaseline.Design && r.Buyers == buyers && r.Load.MeasuredSuccesses > 0);

    /// <summary>Actor / baseline at the same buyer count; SQLite rows are compared with the PostgreSQL baseline too.</summary>
    public double? Ratio(BenchmarkRow row) =>
        row.Design == RowLockBaseline.Design || Baseline(row.Buyers) is not { } baseline
            ? null
            : row.Load.PurchasesPerSecond / baseline.Load.PurchasesPerSecond;

    private string RatioText(BenchmarkRow row) => row.Design == RowLockBaseline.Design
        ? "1x (baseline)"
        : Ratio(row) is { } ratio
            ? row.Store == "postgres" ? $"{ratio:0.0}x" : $"{ratio:0.0}x vs PG baseline"
            : "n/a (no baseline)";

    public string ToMarkdown()
    {
        var options = context.Options;
        var md = new StringBuilder();
        md.AppendLine("# Durable purchases of one hot event");
        md.AppendLine();
        var load = context.LoadAverage is null ? "" : $"; load average at start {context.LoadAverage}";
        md.AppendLine(Invariant, $"Run {context.StartedAt:yyyy-MM-dd HH:mm zzz} on {context.Machine}{load}.");
        md.AppendLine();
        md.AppendLine(Invariant, $"Command: `{context.Command}`");
        md.AppendLine();
        md.AppendLine(string.Create(Invariant, $"Each row: N buyers in closed loops (send one purchase of 1 ticket, await the reply, repeat), ") +
            string.Create(Invariant, $"{options.WarmUp.TotalSeconds:0.#} s warm-up, then {options.Duration.TotalSeconds:0.#} s measured. Purchases/s counts only ") +
            "successful purchases whose reply (after the durable write) arrived in the measured window; p50/p99 are their latencies. " +
            "Actor: `Purchase` via `Ask` to the box office registry, one event, group commit (everything decided during a write is stored by the next write as one journal entry), the project's HOCON. " +
            "Row-lock baseline: one PostgreSQL transaction per purchase (`UPDATE inventory ... WHERE id = $1 AND available >= $2`, " +
            "`INSERT` the ticket, commit), a pooled connection per purchase. PostgreSQL: a throwaway 15 server on loopback, fsync on, " +
            "a fresh database per row. SQLite: a fresh file (WAL) per row. Ratio: actor / row-lock baseline at the same buyer count " +
            "(SQLite rows are compared with the PostgreSQL baseline too).");
        md.AppendLine();
        md.AppendLine("| store | design | buyers | purchases/s | p50 ms | p99 ms | ratio | correct |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            md.AppendLine(Invariant, $"| {row.Store} | {row.Design} | {row.Buyers:N0} | {row.Load.PurchasesPerSecond:N0} | " +
                $"{Ms(row.Load.P50Ms)} | {Ms(row.Load.P99Ms)} | {RatioText(row)} | {(row.Correct ? "yes" : "**NO**")} |");
        }
        md.AppendLine();
        md.AppendLine("Checks (after each run, over the whole run including warm-up):");
        md.AppendLine();
        foreach (var row in rows)
        {
            var failures = row.Load.TotalFailures > 0 ? $"; failed purchases: {ActorPurchases.FormatFailures(row.Load.Failures)}" : "";
            failures += row.Load.Retries > 0 ? string.Create(Invariant, $"; {row.Load.Retries:N0} retries with the same request id after Unavailable or no reply") : "";
            var note = row.Note is null ? "" : $"; {row.Note}";
            md.AppendLine(Invariant, $"- {row.Store}, {row.Design}, {row.Buyers:N0} buyers: {(row.Correct ? "ok" : "FAILED")}: {row.Check}{failures}{note}");
        }
        md.AppendLine();
        md.AppendLine("Targets of the issue (reported as measured, not tuned for):");
        md.AppendLine();
        md.AppendLine(TargetPostgres());
        md.AppendLine(TargetSqlite());
        md.AppendLine();
        md.AppendLine("## Recovery of a big event (SQLite)");
        md.AppendLine();
        foreach (var line in RecoveryLines())
        {
            md.AppendLine(line);
        }
        return md.ToString();
    }

    private string TargetPostgres()
    {
        var actor = rows.FirstOrDefault(r => r.Store == "postgres" && r.Design == BenchmarkRow.ActorDesign && r.Buyers == 64);
        return actor is null || Ratio(actor) is not { } ratio
            ? "- at least 25x the row-lock baseline at 64 buyers on PostgreSQL: not measured in this run (needs --buyers with 64 and --stores with postgres)"
            : string.Create(Invariant, $"- at least 25x the row-lock baseline at 64 buyers on PostgreSQL: {ratio:0.0}x " +
                $"({actor.Load.PurchasesPerSecond:N0} vs {Baseline(64)!.Load.PurchasesPerSecond:N0} purchases/s): {(ratio >= 25 ? "met" : "NOT met")}");
    }

    private string TargetSqlite()
    {
        var best = rows.Where(r => r.Store == "sqlite" && r.Correct).MaxBy(r => r.Load.PurchasesPerSecond);
        return best is null
            ? "- at least 10,000 durable purchases/s on SQLite: not measured in this run"
            : string.Create(Invariant, $"- at least 10,000 durable purchases/s on SQLite: best {best.Load.PurchasesPerSecond:N0} purchases/s " +
                $"at {best.Buyers:N0} buyers: {(best.Load.PurchasesPerSecond >= 10_000 ? "met" : "NOT met")}");
    }

    private IEnumerable<string> RecoveryLines()
    {
        if (recoveryError is not null)
        {
            yield return $"The recovery measurement failed: {recoveryError}";
            yield break;
        }
        if (recovery is not { } r)
        {
            yield return "Not measured in this run (--recovery-tickets 0).";
            yield break;
        }
        var size = r.Reduced
            ? $"{r.SoldTickets:N0} sold tickets (**reduced** from the {r.TargetTickets:N0} asked for: the most the real box office sold within the {context.Options.RecoveryBudget.TotalSeconds:N0} s write budget on this machine)"
            : $"{r.SoldTickets:N0} sold tickets";
        var writeFailures = r.WriteFailures.Count > 0 ? $" Failed purchases while writing: {ActorPurchases.FormatFailures(r.WriteFailures)}." : "";
        writeFailures += r.WriteRetries > 0 ? string.Create(Invariant, $" {r.WriteRetries:N0} retries with the same request id after Unavailable or no reply.") : "";
        yield return string.Create(Invariant, $"Event with {size}: {r.JournalEvents:N0} journal events in {r.JournalEntries:N0} entries ({r.Quantity} ticket(s) per purchase, " +
            $"{r.Buyers:N0} concurrent buyers through the box office), written in {r.WriteTime.TotalSeconds:N1} s " +
            $"({r.SoldTickets / r.WriteTime.TotalSeconds:N0} tickets/s, snapshots included); file {Mb(r.FileBytes)}.{writeFailures}");
        yield return "";
        var snapshot = r.SnapshotSequenceNr > 0
            ? $"snapshot at entry {r.SnapshotSequenceNr:N0}, event {r.SnapshotEvents:N0} ({Mb(r.SnapshotBytes)}), then {r.JournalEvents - r.SnapshotEvents:N0} events in {r.JournalEntries - r.SnapshotSequenceNr:N0} entries replayed"
            : $"no snapshot was saved (fewer than {r.SnapshotEvery:N0} events), so the whole journal is replayed";
        yield return string.Create(Invariant, $"- (a) with the default snapshot (snapshot-every {r.SnapshotEvery:N0}; {snapshot}): " +
            $"**{r.WithSnapshot.TotalSeconds:N2} s** from GetAvailability to a fresh actor system until the reply; sold {Sold(r.SoldAfterSnapshotRecovery, r.SoldTickets)}");
        yield return string.Create(Invariant, $"- (b) from the full journal (snapshots deleted, {r.JournalEvents:N0} events in {r.JournalEntries:N0} entries replayed): " +
            $"**{r.FromJournal.TotalSeconds:N2} s**; sold {Sold(r.SoldAfterJournalRecovery, r.SoldTickets)}");
    }

    private static string Sold(long recovered, long expected) =>
        recovered == expected ? $"{recovered:N0} (correct)" : recovered < 0 ? "no reply (**NOT correct**)" : $"{recovered:N0}, expected {expected:N0} (**NOT correct**)";

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "0.00" : "0.0", Invariant);

    private static string Mb(long bytes) => string.Create(Invariant, $"{bytes / 1_000_000.0:N1} MB");

    public string ToJson()
    {
        var options = context.Options;
        var document = new
        {
            startedAt = context.StartedAt,
            command = context.Command,
            machine = context.Machine,
            loadAverage = context.LoadAverage,
            warmUpSeconds = options.WarmUp.TotalSeconds,
            measuredSeconds = options.Duration.TotalSeconds,
            allCorrect = AllCorrect,
            rows = rows.Select(r => new
            {
                store = r.Store,
                design = r.Design,
                buyers = r.Buyers,
                purchasesPerSecond = Math.Round(r.Load.PurchasesPerSecond, 1),
                p50Ms = NullIfNaN(r.Load.P50Ms),
                p99Ms = NullIfNaN(r.Load.P99Ms),
                ratio = Ratio(r) is { } ratio ? Math.Round(ratio, 2) : (double?)null,
                ratioAgainst = r.Design == RowLockBaseline.Design ? null : "postgres row-lock baseline, same buyers",
                correct = r.Correct,
                check = r.Check,
                measuredPurchases = r.Load.MeasuredSuccesses,
                totalPurchases = r.Load.TotalSuccesses,
                failures = r.Load.Failures,
                retries = r.Load.Retries,
                note = r.Note,
            }),
            recovery = recovery is not { } rec ? null : new
            {
                targetTickets = rec.TargetTickets,
                soldTickets = rec.SoldTickets,
                reduced = rec.Reduced,
                journalEvents = rec.JournalEvents,
                journalEntries = rec.JournalEntries,
                ticketsPerPurchase = rec.Quantity,
                buyers = rec.Buyers,
                writeSeconds = Math.Round(rec.WriteTime.TotalSeconds, 2),
                writeFailures = rec.WriteFailures,
                writeRetries = rec.WriteRetries,
                fileBytes = rec.FileBytes,
                snapshotEvery = rec.SnapshotEvery,
                snapshotSequenceNr = rec.SnapshotSequenceNr,
                snapshotEvents = rec.SnapshotEvents,
                snapshotBytes = rec.SnapshotBytes,
                withSnapshotSeconds = Math.Round(rec.WithSnapshot.TotalSeconds, 3),
                soldAfterSnapshotRecovery = rec.SoldAfterSnapshotRecovery,
                fromJournalSeconds = Math.Round(rec.FromJournal.TotalSeconds, 3),
                soldAfterJournalRecovery = rec.SoldAfterJournalRecovery,
                correct = rec.Correct,
            },
            recoveryError,
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : Math.Round(value, 3);
}
