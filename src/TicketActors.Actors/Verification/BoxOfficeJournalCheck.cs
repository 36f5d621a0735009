using System.Collections.Immutable;
using System.Globalization;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.Verification;

/// <summary>
/// Replays one box office's journal from scratch, event by event, into a fresh <see cref="BoxOfficeState"/> and
/// checks it on the way: sequence numbers contiguous from 1, the event created once and first, no ticket serial and no
/// ticket code issued twice (by sales and confirmed holds), no request id used by two orders, every hold, order and
/// ticket an event names known (<see cref="BoxOfficeState.ApplyProblem"/>), the snapshot (if any) equal to the replayed state at
/// its sequence number, and at the end <see cref="BoxOfficeState.InvariantViolations"/>. A stored event that would
/// break the state (a duplicate code, an unknown category, ...) is reported and left out of the replay instead of
/// throwing. Plain C#: no actors, no store; <see cref="JournalVerifier"/> feeds it.
/// </summary>
public sealed class BoxOfficeJournalCheck
{
    public const string PersistenceIdPrefix = "box-office-";

    private readonly BoxOfficeState _state;
    private readonly List<string> _violations = [];
    private readonly Dictionary<int, long> _serialSeenAt = [];
    private readonly Dictionary<string, (int Serial, long SequenceNr)> _codeSeenAt = new(StringComparer.Ordinal);
    private readonly BoxOfficeSnapshot? _snapshot;
    private readonly long _snapshotSequenceNr;
    private SnapshotStatus _snapshotStatus;
    private long _snapshotUnreadableAt;
    private long _lastSequenceNr;
    private long _journalEvents;

    /// <param name="persistenceId">The journal's persistence id, <c>box-office-{eventId}</c>.</param>
    /// <param name="requestIdWindow">The box offices' request-id window (replay must use the same).</param>
    /// <param name="snapshot">The event's latest snapshot and its sequence number, if it has one.</param>
    public BoxOfficeJournalCheck(string persistenceId, int requestIdWindow, (long SequenceNr, BoxOfficeSnapshot Snapshot)? snapshot = null)
    {
        PersistenceId = persistenceId;
        EventId = persistenceId.StartsWith(PersistenceIdPrefix, StringComparison.Ordinal) ? persistenceId[PersistenceIdPrefix.Length..] : persistenceId;
        _state = new BoxOfficeState(requestIdWindow);
        if (snapshot is { } taken)
        {
            _snapshot = taken.Snapshot;
            _snapshotSequenceNr = taken.SequenceNr;
            _snapshotStatus = SnapshotStatus.Matches;
        }
    }

    public string PersistenceId { get; }

    public string EventId { get; }

    /// <summary>The sequence number of the last event accepted so far (0 before the first).</summary>
    public long LastSequenceNr => _lastSequenceNr;

    /// <summary>The snapshot store holds a snapshot for this event that could not be read.</summary>
    public void SnapshotUnreadable(long? sequenceNr, string why)
    {
        _snapshotStatus = SnapshotStatus.Unreadable;
        _snapshotUnreadableAt = sequenceNr ?? 0;
        _violations.Add(sequenceNr is { } at
            ? Invariant($"the snapshot at {at} cannot be read: {why}")
            : $"the latest snapshot cannot be read: {why}");
    }

    /// <summary>The journal could not be read to its end.</summary>
    public void JournalUnreadable(string why) =>
        _violations.Add(Invariant($"the journal could not be read after sequence number {_lastSequenceNr}: {why}"));

    /// <summary>The next stored event, in journal order.</summary>
    public void Accept(long sequenceNr, object storedEvent)
    {
        var expected = _lastSequenceNr + 1;
        if (sequenceNr > expected)
        {
            _violations.Add(Invariant($"sequence numbers jump from {_lastSequenceNr} to {sequenceNr}: {sequenceNr - expected} missing"));
        }
        else if (sequenceNr < expected)
        {
            _violations.Add(Invariant($"sequence number {sequenceNr} comes after {_lastSequenceNr}: repeated or out of order"));
        }
        _lastSequenceNr = sequenceNr;

        // A group commit stores several events under one sequence number; each is checked and applied in order.
        foreach (var @event in storedEvent is EventBatch batch ? batch.Events.Cast<object>() : [storedEvent])
        {
            _journalEvents++;
            var problems = Problems(sequenceNr, @event);
            if (problems.Count > 0)
            {
                _violations.AddRange(problems);
            }
            else
            {
                _state.Apply((IBoxOfficeEvent)@event);
            }
        }

        if (_snapshot is not null && sequenceNr == _snapshotSequenceNr)
        {
            CompareSnapshot();
        }
    }

    /// <summary>The verdict, once every stored event was accepted.</summary>
    public EventVerification Complete()
    {
        if (_snapshot is not null && _snapshotStatus == SnapshotStatus.Matches && _lastSequenceNr < _snapshotSequenceNr)
        {
            _snapshotStatus = SnapshotStatus.Mismatch;
            _violations.Add(Invariant($"the snapshot is at sequence number {_snapshotSequenceNr}, but the journal ends at {_lastSequenceNr}"));
        }
        if (_state.Event is null)
        {
            _violations.Add("the journal never creates the event");
        }
        _violations.AddRange(_state.InvariantViolations());
        var availability = _state.Availability();
        return new EventVerification(
            PersistenceId,
            EventId,
            _journalEvents,
            availability.Categories.Sum(c => c.Capacity),
            availability.Categories.Sum(c => c.Sold),
            availability.Categories.Sum(c => c.Held),
            availability.Categories.Sum(c => c.Available),
            _snapshotStatus switch
            {
                SnapshotStatus.None => SnapshotCheck.None,
                SnapshotStatus.Unreadable => new SnapshotCheck(SnapshotStatus.Unreadable, _snapshotUnreadableAt),
                var status => new SnapshotCheck(status, _snapshotSequenceNr),
            },
            [.. _violations]);
    }

    /// <summary>Why this stored event cannot be applied, or breaks a guarantee; empty when it is sound.</summary>
    private List<string> Problems(long sequenceNr, object storedEvent)
    {
        var problems = new List<string>();
        switch (storedEvent)
        {
            case EventCreated created:
                if (_state.Event is not null)
                {
                    problems.Add(Invariant($"event {sequenceNr} creates the event a second time; left out of the replay"));
                }
                else if (created.Definition.Id != EventId)
                {
                    problems.Add(Invariant($"event {sequenceNr} creates event '{created.Definition.Id}' in the journal of '{EventId}'; left out of the replay"));
                }
                break;
            case TicketsIssued issued:
                IssuedProblems(sequenceNr, issued, problems);
                break;
            case HoldConfirmed confirmed:
                TicketProblems(sequenceNr, Invariant($"event {sequenceNr} (order {confirmed.OrderNumber}, hold '{confirmed.HoldId}')"), confirmed.Tickets, problems);
                if (problems.Count == 0 && _state.ApplyProblem(confirmed) is { } confirmProblem)
                {
                    problems.Add(Invariant($"event {sequenceNr}: {confirmProblem}"));
                }
                if (problems.Count > 0)
                {
                    problems[^1] += "; left out of the replay";
                }
                break;
            case IBoxOfficeEvent other when _state.ApplyProblem(other) is { } problem:
                problems.Add(Invariant($"event {sequenceNr}: {problem}; left out of the replay"));
                break;
            case IBoxOfficeEvent:
                break;
            default:
                problems.Add(Invariant($"event {sequenceNr} is a {storedEvent.GetType().Name}, not a box office event; left out of the replay"));
                break;
        }
        return problems;
    }

    private void IssuedProblems(long sequenceNr, TicketsIssued issued, List<string> problems)
    {
        var order = Invariant($"event {sequenceNr} (order {issued.OrderNumber}, buyer '{issued.BuyerId}')");
        if (_state.Event is null)
        {
            problems.Add($"{order} issues tickets before the event was created");
        }
        else if (!_state.Stock.ContainsKey(issued.Category))
        {
            problems.Add($"{order} issues tickets of category '{issued.Category}', which the event does not have");
        }
        TicketProblems(sequenceNr, order, issued.Tickets, problems);
        if (_state.OrdersByRequestId.TryGetValue(issued.RequestId, out var earlier))
        {
            problems.Add(Invariant($"request id '{issued.RequestId}' used by two orders: order {earlier.Number} and {order}"));
        }
        if (problems.Count > 0)
        {
            problems[^1] += "; left out of the replay";
        }
    }

    /// <summary>Every serial and every code is issued once, by a sale or by a confirmed hold.</summary>
    private void TicketProblems(long sequenceNr, string order, ImmutableArray<Ticket> tickets, List<string> problems)
    {
        if (tickets.IsDefaultOrEmpty)
        {
            problems.Add($"{order} issues no tickets");
            return;
        }
        foreach (var ticket in tickets)
        {
            if (!_serialSeenAt.TryAdd(ticket.Serial, sequenceNr))
            {
                problems.Add(Invariant($"ticket serial {ticket.Serial} issued twice: by event {_serialSeenAt[ticket.Serial]} and by {order}"));
            }
            if (!_codeSeenAt.TryAdd(ticket.Code, (ticket.Serial, sequenceNr)))
            {
                var first = _codeSeenAt[ticket.Code];
                problems.Add(Invariant($"ticket code {ticket.Code} issued twice: with serial {first.Serial} by event {first.SequenceNr} and with serial {ticket.Serial} by {order}"));
            }
        }
    }

    private void CompareSnapshot()
    {
        var differences = Differences(Normalized(_snapshot!), Normalized(_state.ToSnapshot()));
        if (differences.Count > 0)
        {
            _snapshotStatus = SnapshotStatus.Mismatch;
            _violations.Add(Invariant($"the snapshot at {_snapshotSequenceNr} does not match the journal replayed to {_snapshotSequenceNr}: {string.Join("; ", differences)}"));
        }
    }

    /// <summary>The same state always gives the same snapshot, whatever order its dictionaries were filled in.</summary>
    private static BoxOfficeSnapshot Normalized(BoxOfficeSnapshot s) => s with
    {
        Sales = [.. s.Sales.OrderBy(x => x.Category, StringComparer.Ordinal)],
        Tickets = [.. s.Tickets.OrderBy(t => t.Serial).ThenBy(t => t.Code, StringComparer.Ordinal)],
        Buyers = [.. s.Buyers.OrderBy(b => b.BuyerId, StringComparer.Ordinal).ThenBy(b => b.Category, StringComparer.Ordinal)],
        RecentOrders = [.. s.RecentOrders.OrderBy(o => o.Number)],
        OtherOrders = [.. (s.OtherOrders ?? []).OrderBy(o => o.Number)],
        Holds = [.. (s.Holds ?? []).OrderBy(h => h.HoldId, StringComparer.Ordinal)],
        CancelledSerials = [.. (s.CancelledSerials ?? []).Order()],
        CheckIns = [.. (s.CheckIns ?? []).OrderBy(c => c.Serial)],
    };

    private static List<string> Differences(BoxOfficeSnapshot snapshot, BoxOfficeSnapshot journal)
    {
        var differences = new List<string>();
        if (!(snapshot.Event is null ? journal.Event is null : journal.Event is not null && snapshot.Event.SameAs(journal.Event)))
        {
            differences.Add("the event definition differs");
        }
        if (!snapshot.Sales.SequenceEqual(journal.Sales))
        {
            differences.Add($"sales {Sales(snapshot)} in the snapshot, {Sales(journal)} in the journal");
        }
        if (snapshot.LastSerial != journal.LastSerial)
        {
            differences.Add(Invariant($"last serial {snapshot.LastSerial} in the snapshot, {journal.LastSerial} in the journal"));
        }
        if (snapshot.LastOrderNumber != journal.LastOrderNumber)
        {
            differences.Add(Invariant($"last order {snapshot.LastOrderNumber} in the snapshot, {journal.LastOrderNumber} in the journal"));
        }
        Compare("tickets", snapshot.Tickets, journal.Tickets, differences);
        Compare("buyer counts", snapshot.Buyers, journal.Buyers, differences);
        Compare("remembered orders", snapshot.RecentOrders, journal.RecentOrders, differences);
        Compare("other orders", snapshot.OtherOrders!, journal.OtherOrders!, differences);
        Compare("holds", snapshot.Holds!, journal.Holds!, differences);
        Compare("cancelled tickets", snapshot.CancelledSerials!, journal.CancelledSerials!, differences);
        Compare("check-ins", snapshot.CheckIns!, journal.CheckIns!, differences);
        if (snapshot.SalesClosedAt != journal.SalesClosedAt)
        {
            differences.Add(Invariant($"sales closed at {snapshot.SalesClosedAt:O} in the snapshot, at {journal.SalesClosedAt:O} in the journal"));
        }
        return differences;

        static string Sales(BoxOfficeSnapshot s) =>
            string.Join(", ", s.Sales.Select(x => Invariant($"{x.Category} sold {x.Sold} held {x.Held}{(x.Capacity is { } c ? Invariant($" capacity {c}") : "")}")));
    }

    private static void Compare<T>(string what, IReadOnlyList<T> snapshot, IReadOnlyList<T> journal, List<string> differences)
    {
        if (snapshot.Count != journal.Count)
        {
            differences.Add(Invariant($"{snapshot.Count} {what} in the snapshot, {journal.Count} in the journal"));
            return;
        }
        var differing = Enumerable.Zip(snapshot, journal).Count(pair => !EqualityComparer<T>.Default.Equals(pair.First, pair.Second));
        if (differing > 0)
        {
            differences.Add(Invariant($"{differing} of {snapshot.Count} {what} differ"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
