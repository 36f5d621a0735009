using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace TicketActors.Actors.Tests.Support;

/// <summary>
/// Holds every journal write (or replayed message) it intercepts until the spec opens it: a store that stalls and
/// answers nothing (CASES C19). <see cref="Pass"/> then lets the held messages through (they are stored after all),
/// <see cref="Fail"/> fails them.
/// </summary>
public sealed class JournalGate : IJournalInterceptor
{
    private readonly TaskCompletionSource<bool> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>How many messages reached the gate.</summary>
    public int Held => Volatile.Read(ref _held);

    public async Task InterceptAsync(IPersistentRepresentation message)
    {
        Interlocked.Increment(ref _held);
        if (!await _opened.Task.ConfigureAwait(false))
        {
            throw new TestJournalFailureException($"the stalled write of {message.PersistenceId}/{message.SequenceNr} failed when the store came back");
        }
    }

    public void Pass() => _opened.TrySetResult(true);

    public void Fail() => _opened.TrySetResult(false);
}

/// <summary>Fails only the <c>n</c>th write of a payload that <c>counts</c> (a lost connection), passes every other write.</summary>
public sealed class FailNthWrite(int n, Func<object, bool> counts) : IJournalInterceptor
{
    private int _seen;

    public Task InterceptAsync(IPersistentRepresentation message) =>
        counts(message.Payload) && Interlocked.Increment(ref _seen) == n
            ? Task.FromException(new TestJournalFailureException($"connection reset while writing {message.PersistenceId}/{message.SequenceNr}"))
            : Task.CompletedTask;
}
