using Akka.Configuration;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.BoxOffice;

/// <summary>What every box office is given: its clock and ticket codes, and the <c>ticketactors.box-office</c> settings.</summary>
public sealed record BoxOfficeSettings(TimeProvider Clock, Func<ITicketCodeGenerator> NewCodeGenerator)
{
    public static BoxOfficeSettings Default { get; } = new(TimeProvider.System, () => new CryptoTicketCodes());

    /// <summary>Save a snapshot after this many events.</summary>
    public int SnapshotEvery { get; init; } = 100_000;

    /// <summary>Request ids remembered per event; see <see cref="BoxOfficeState(int)"/>.</summary>
    public int RequestIdWindow { get; init; } = BoxOfficeState.DefaultRequestIdWindow;

    /// <summary>The longest time-to-live a hold may ask for; part of the decisions, so every incarnation uses the same.</summary>
    public TimeSpan MaxHoldTtl { get; init; } = BoxOfficeState.DefaultMaxHoldTtl;

    /// <summary>Events decided but not yet stored, at most; more commands wait their turn (see the box office).</summary>
    public int MaxEventsInFlight { get; init; } = 2_000;

    /// <summary>A write still unfinished after this is given up: its buyers get Unavailable and the box office restarts.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A box office that stopped on a failure is started again no sooner than this, doubling up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The settings of <c>hocon/box-office.conf</c> (or their overrides), with the system clock and crypto codes.</summary>
    public static BoxOfficeSettings FromConfig(Config config)
    {
        var section = config.GetConfig("ticketactors.box-office");
        return Default with
        {
            SnapshotEvery = section.GetInt("snapshot-every", Default.SnapshotEvery),
            RequestIdWindow = section.GetInt("request-id-window", Default.RequestIdWindow),
            MaxEventsInFlight = section.GetInt("max-events-in-flight", Default.MaxEventsInFlight),
            MaxHoldTtl = section.GetTimeSpan("max-hold-ttl", Default.MaxHoldTtl),
            WriteTimeout = section.GetTimeSpan("write-timeout", Default.WriteTimeout),
            MinBackoff = section.GetTimeSpan("min-backoff", Default.MinBackoff),
            MaxBackoff = section.GetTimeSpan("max-backoff", Default.MaxBackoff),
        };
    }
}
