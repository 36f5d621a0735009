using Microsoft.Extensions.Options;
using TicketActors.Actors.Hosting;

namespace TicketActors.Api.Hosting;

/// <summary>
/// The service's settings, section <c>TicketActors</c> of appsettings.json, environment variables
/// (<c>TicketActors__AdminKey</c>) and the command line (<c>--TicketActors:Store=memory</c>).
/// </summary>
public sealed class TicketActorsOptions
{
    public const string Section = "TicketActors";
    public const int MinKeyLength = 16;

    /// <summary>The organiser key (header <c>X-Api-Key</c>). None configured: organiser routes answer 403.</summary>
    public string? AdminKey { get; set; }

    /// <summary>The door staff key (header <c>X-Door-Key</c> of the check-in route; the organiser key works there too).</summary>
    public string? DoorKey { get; set; }

    /// <summary>
    /// The key of the order secrets (HMAC-SHA256), base64 of at least 32 bytes. Not set: a random key kept in
    /// <c>DataDir/order-secret.key</c> (on the memory store: a random key in memory). Several nodes in front of one
    /// store must share one configured key.
    /// </summary>
    public string? OrderSecretKey { get; set; }

    /// <summary>Where the SQLite store keeps <c>tickets.db</c> when <see cref="Connection"/> is not set.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary><c>sqlite</c> (default), <c>postgres</c> or <c>memory</c>.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>SQLite: a file or connection string (default <c>DataDir/tickets.db</c>); PostgreSQL: a connection string.</summary>
    public string? Connection { get; set; }

    /// <summary>How long a request waits for a box office before it answers 503 (CASES C24).</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests of one event waiting for its box office at once; past it, 503 with Retry-After at once.</summary>
    public int MaxInFlightPerEvent { get; set; } = 512;

    /// <summary>The most frequent an availability stream sends a change.</summary>
    public TimeSpan AvailabilityInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>An availability stream with no change for this long repeats the current state, so that proxies and
    /// load balancers that close idle connections keep it open and the client sees the service is alive.</summary>
    public TimeSpan AvailabilityKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Open connections at most (Kestrel closes the ones past it); not set: no limit.</summary>
    public long? MaxConnections { get; set; }

    /// <summary>How long start-up may wait for the store before the service gives up and exits.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra Akka HOCON laid over the <c>hocon/</c> files, e.g. <c>ticketactors.box-office.snapshot-every = 1000</c>.</summary>
    public string? Akka { get; set; }

    /// <summary>The store these settings select; throws <see cref="OptionsValidationException"/> when they select none.</summary>
    public StoreSettings StoreSettings()
    {
        var connection = string.IsNullOrWhiteSpace(Connection) ? null : Connection;
        var isSqlite = string.IsNullOrWhiteSpace(Store) || Store.Trim().Equals("sqlite", StringComparison.OrdinalIgnoreCase);
        if (isSqlite && connection is null)
        {
            connection = Path.Combine(string.IsNullOrWhiteSpace(DataDir) ? "data" : DataDir, "tickets.db");
        }
        return Actors.Hosting.StoreSettings.TryParse(Store, connection, out var store, out var error)
            ? store
            : throw new OptionsValidationException(Section, typeof(TicketActorsOptions),
                [error.Replace("--store", $"{Section}:Store", StringComparison.Ordinal).Replace("--connection", $"{Section}:Connection", StringComparison.Ordinal)]);
    }
}

/// <summary>Refuses to start with settings that cannot work, each problem named after its setting.</summary>
public sealed class TicketActorsOptionsValidation : IValidateOptions<TicketActorsOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketActorsOptions options)
    {
        var problems = new List<string>();
        try
        {
            options.StoreSettings();
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        foreach (var (setting, key) in new[] { ("AdminKey", options.AdminKey), ("DoorKey", options.DoorKey) })
        {
            if (!string.IsNullOrEmpty(key) && key.Length < TicketActorsOptions.MinKeyLength)
            {
                problems.Add($"{TicketActorsOptions.Section}:{setting} must be at least {TicketActorsOptions.MinKeyLength} characters (or not set)");
            }
        }
        if (!string.IsNullOrEmpty(options.OrderSecretKey) && !Orders.OrderSecrets.TryDecodeKey(options.OrderSecretKey, out _))
        {
            problems.Add($"{TicketActorsOptions.Section}:OrderSecretKey must be base64 of at least {Orders.OrderSecrets.MinKeyBytes} bytes (or not set)");
        }
        if (options.AskTimeout <= TimeSpan.Zero || options.AskTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{TicketActorsOptions.Section}:AskTimeout must be more than 0 and at most 5 minutes, not {options.AskTimeout}");
        }
        if (options.MaxInFlightPerEvent < 1)
        {
            problems.Add($"{TicketActorsOptions.Section}:MaxInFlightPerEvent must be 1 or more, not {options.MaxInFlightPerEvent}");
        }
        if (options.AvailabilityInterval < TimeSpan.FromMilliseconds(10))
        {
            problems.Add($"{TicketActorsOptions.Section}:AvailabilityInterval must be 10 ms or more, not {options.AvailabilityInterval}");
        }
        if (options.AvailabilityKeepAlive < TimeSpan.FromMilliseconds(100) || options.AvailabilityKeepAlive > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{TicketActorsOptions.Section}:AvailabilityKeepAlive must be between 100 ms and 10 minutes, not {options.AvailabilityKeepAlive}");
        }
        if (options.MaxRequestBodyBytes is < 1024 or > 1024 * 1024)
        {
            problems.Add($"{TicketActorsOptions.Section}:MaxRequestBodyBytes must be 1024 to 1048576, not {options.MaxRequestBodyBytes}");
        }
        if (!string.IsNullOrWhiteSpace(options.Akka))
        {
            try
            {
                Akka.Configuration.ConfigurationFactory.ParseString(options.Akka);
            }
            catch (Exception e) when (e is Akka.Configuration.ConfigurationException or FormatException or InvalidOperationException)
            {
                problems.Add($"{TicketActorsOptions.Section}:Akka is not valid HOCON: {e.Message}");
            }
        }
        if (options.MaxConnections is < 1)
        {
            problems.Add($"{TicketActorsOptions.Section}:MaxConnections must be 1 or more (or not set), not {options.MaxConnections}");
        }
        if (options.StartupTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{TicketActorsOptions.Section}:StartupTimeout must be positive, not {options.StartupTimeout}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
