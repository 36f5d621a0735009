namespace TicketActors.Actors.Verification;

/// <summary>How an event's latest snapshot compares with its journal.</summary>
public enum SnapshotStatus
{
    /// <summary>The event has no snapshot: recovery replays the whole journal.</summary>
    None,
    /// <summary>The snapshot equals the journal replayed up to the snapshot's sequence number.</summary>
    Matches,
    /// <summary>The snapshot says something else than the journal, or points past its end.</summary>
    Mismatch,
    /// <summary>The snapshot store holds a snapshot that cannot be read back.</summary>
    Unreadable,
}

/// <summary>The event's latest snapshot (if any) and whether it agrees with the journal.</summary>
public sealed record SnapshotCheck(SnapshotStatus Status, long SequenceNr)
{
    public static SnapshotCheck None { get; } = new(SnapshotStatus.None, 0);
}

/// <summary>One event's journal replayed from scratch: the state it gives and every way it breaks the guarantees.</summary>
public sealed record EventVerification(
    string PersistenceId,
    string EventId,
    long JournalEvents,
    int Capacity,
    int Sold,
    int Held,
    int Available,
    SnapshotCheck Snapshot,
    IReadOnlyList<string> Violations)
{
    public bool Ok => Violations.Count == 0;
}

/// <summary>Every box office journal of a store, verified.</summary>
public sealed record VerificationReport(IReadOnlyList<EventVerification> Events)
{
    public int Failed => Events.Count(e => !e.Ok);

    public bool AllHold => Failed == 0;
}
