using TicketActors.Actors.Hosting;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>Restart recovery on the embedded default store: a SQLite file (a new one per test).</summary>
public sealed class SqliteRestartRecoverySpec : RestartRecoverySpec, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override Task<StoreSettings> NewStoreAsync() => Task.FromResult(_file.Store);

    public void Dispose() => _file.Dispose();
}
