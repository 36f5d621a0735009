namespace TicketActors.Api.Tests.Support;

/// <summary>One service for a whole spec class (each spec uses events of its own), so the class starts it once.</summary>
public sealed class SharedApi : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public ApiHost Api { get; private set; } = null!;

    public string DataDir => _folder.Path;

    public async Task InitializeAsync() => Api = await ApiHost.StartAsync(_folder.Path);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        _folder.Dispose();
    }
}
