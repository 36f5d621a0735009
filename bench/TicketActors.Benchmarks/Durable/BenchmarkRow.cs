namespace TicketActors.Benchmarks.Durable;

/// <summary>One line of the table: a design on a store at one buyer count, and whether its correctness check held.</summary>
public sealed record BenchmarkRow(
    string Store,
    string Design,
    int Buyers,
    LoadResult Load,
    bool Correct,
    string Check,
    string? Note = null)
{
    public const string ActorDesign = "actor (group commit)";
}

/// <summary>The recovery of one big event on SQLite: how it was written, and the two timed recoveries.</summary>
public sealed record RecoveryResult(
    int TargetTickets,
    long SoldTickets,
    long JournalEvents,
    long JournalEntries,
    int Quantity,
    int Buyers,
    TimeSpan WriteTime,
    bool Reduced,
    int SnapshotEvery,
    long SnapshotSequenceNr,
    long SnapshotEvents,
    long SnapshotBytes,
    long FileBytes,
    TimeSpan WithSnapshot,
    long SoldAfterSnapshotRecovery,
    TimeSpan FromJournal,
    long SoldAfterJournalRecovery,
    IReadOnlyDictionary<string, long> WriteFailures,
    long WriteRetries)
{
    public bool Correct => SoldAfterSnapshotRecovery == SoldTickets && SoldAfterJournalRecovery == SoldTickets;
}
