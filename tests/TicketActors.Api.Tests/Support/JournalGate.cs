using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace TicketActors.Api.Tests.Support;

/// <summary>
/// Holds every journal write it intercepts until the spec opens it: a store that stalls (CASES C19, C24). The spec
/// awaits <see cref="Reached"/> to know a write is held, instead of sleeping.
/// </summary>
public sealed class JournalGate : IJournalInterceptor
{
    /// <summary>Akka.Persistence.TestKit's journal, laid over the memory store with <c>TicketActors:Akka</c>.</summary>
    public const string TestJournalHocon = """
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.auto-start-journals = []
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        ticketactors.box-office.write-timeout = 60s
        """;

    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first write reaches the gate.</summary>
    public Task Reached => _reached.Task;

    public async Task InterceptAsync(IPersistentRepresentation message)
    {
        _reached.TrySetResult();
        await _opened.Task.ConfigureAwait(false);
    }

    public void Pass() => _opened.TrySetResult();

    /// <summary>From now on every write of the service's journal waits at this gate.</summary>
    public static async Task<JournalGate> CloseAsync(ApiHost api)
    {
        var gate = new JournalGate();
        await TestJournal.FromRef(Persistence.Instance.Apply(api.System).JournalFor(null)).OnWrite.SetInterceptorAsync(gate);
        return gate;
    }
}
