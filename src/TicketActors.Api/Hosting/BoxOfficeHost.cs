using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Options;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Catalog;
using TicketActors.Actors.Hosting;
using TicketActors.Actors.LiveAvailability;
using TicketActors.Api.Requests;

namespace TicketActors.Api.Hosting;

/// <summary>Where the service is in its life: requests are served only while it is <see cref="Ready"/>.</summary>
public enum ServiceState
{
    Starting,
    Ready,
    Stopping,
    Failed,
}

/// <summary>The actors the endpoints talk to, available once the service is ready.</summary>
public sealed record BoxOfficeActors(IActorRef BoxOffices, IActorRef Catalog, IActorRef AvailabilityPublishers);

/// <summary>
/// Owns the actor system. It starts in the background, so the web server answers from the first moment: until the
/// store has answered (the event catalogue recovered from the journal) every box office route gets 503 with
/// Retry-After, and <c>/ready</c> says so. It stops after the web server (hosted services stop in reverse order), so
/// requests in flight are answered first; then Akka's CoordinatedShutdown runs, which the host waits for.
/// </summary>
public sealed class BoxOfficeHost(
    IOptions<TicketActorsOptions> options,
    ListedEventIds listedEvents,
    IHostApplicationLifetime lifetime,
    ILogger<BoxOfficeHost> log) : IHostedService, IDisposable
{
    public const string ActorSystemName = "ticketactors";

    /// <summary>The longest one question to the catalogue waits during start-up; it is asked again until the start-up timeout.</summary>
    private static readonly TimeSpan StartupQuestionTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;
    private volatile BoxOfficeActors? _actors;
    private volatile ActorSystem? _system;
    private int _state = (int)ServiceState.Starting;

    public ServiceState State => (ServiceState)Volatile.Read(ref _state);

    /// <summary>The actor system once it exists (it may not be ready yet); null before and after.</summary>
    public ActorSystem? System => _system;

    public bool TryGetActors([NotNullWhen(true)] out BoxOfficeActors? actors)
    {
        actors = State == ServiceState.Ready ? _actors : null;
        return actors is not null;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(() => StartActorsAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StartActorsAsync(CancellationToken cancellation)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var store = settings.StoreSettings();
            log.LogInformation("Starting the box offices on store {Store}", store.ToString());
            var overrides = ConfigurationFactory.ParseString(settings.Akka ?? "")
                // The host decides when the actor system stops: after the web server has answered what is in flight.
                .WithFallback(ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off"));
            var system = TicketActorsSystem.Create(ActorSystemName, overrides, store);
            _system = system;
            var boxOffices = system.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(system.Settings.Config)), BoxOfficeRegistry.Name);
            var catalog = system.ActorOf(EventCatalogActor.Props(TimeProvider.System), EventCatalogActor.Name);
            var publishers = system.ActorOf(AvailabilityPublishers.Props(boxOffices, settings.AvailabilityInterval), AvailabilityPublishers.Name);

            // The store serves once the catalogue has recovered from its journal.
            while (true)
            {
                try
                {
                    var listed = await catalog.Ask<ListedEvents>(GetListedEvents.Instance, StartupQuestionTimeout, cancellation);
                    foreach (var listing in listed.Events)
                    {
                        listedEvents.Add(listing.Definition.Id);
                    }
                    break;
                }
                catch (AskTimeoutException) when (Stopwatch.GetElapsedTime(started) < settings.StartupTimeout)
                {
                    log.LogWarning("The store has not answered yet after {Elapsed}; asking again", Stopwatch.GetElapsedTime(started));
                }
            }
            _actors = new BoxOfficeActors(boxOffices, catalog, publishers);
            if (Interlocked.CompareExchange(ref _state, (int)ServiceState.Ready, (int)ServiceState.Starting) == (int)ServiceState.Starting)
            {
                log.LogInformation("Ready after {Elapsed}: box offices on {Store}", Stopwatch.GetElapsedTime(started), store.ToString());
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped while starting: StopAsync shuts down whatever was started.
        }
        catch (Exception e)
        {
            Volatile.Write(ref _state, (int)ServiceState.Failed);
            log.LogCritical(e, "The box offices could not start: {Reason}", e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (State != ServiceState.Failed)
        {
            Volatile.Write(ref _state, (int)ServiceState.Stopping);
        }
        await _stopping.CancelAsync();
        await _starting.WaitAsync(cancellationToken);
        if (_system is { } system)
        {
            log.LogInformation("Stopping the box offices (CoordinatedShutdown)");
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(cancellationToken);
            log.LogInformation("Box offices stopped");
        }
    }

    public void Dispose() => _stopping.Dispose();
}
