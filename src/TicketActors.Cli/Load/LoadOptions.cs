using System.Globalization;
using TicketActors.Actors.Simulation;
using TicketActors.Domain.Catalog;

namespace TicketActors.Cli.Load;

/// <summary>The options of <c>ticketactors load</c> as typed, before they are checked.</summary>
public sealed record LoadOptions(
    string? Url,
    string? EventId,
    int Buyers,
    int Requests,
    int Concurrency,
    string Quantity,
    string Category,
    bool HoldConfirm,
    int HoldTtlSeconds,
    string? AdminKey,
    int? Tickets,
    int? Limit,
    double TimeoutSeconds,
    int Attempts,
    int? Seed,
    bool Quiet,
    string? ReportJson,
    string? Orders,
    bool CheckOnly)
{
    public const int MaxRequests = 10_000_000;
    public const int MaxConcurrency = 10_000;
    public const int MaxAttempts = 100;
    public const string DefaultCategory = "general";

    /// <summary>Long enough that only a stalled service lets a hold expire before its confirm.</summary>
    public const int DefaultHoldTtlSeconds = 60;

    /// <summary>The box office's <c>max-hold-ttl</c> default: one hour.</summary>
    public const int MaxHoldTtlSeconds = 3600;

    /// <summary>Turns the options into a plan, or says every reason it cannot.</summary>
    public LoadPlan ToPlan(out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(Url))
        {
            problems.Add("--url is required: the address of the service, e.g. http://127.0.0.1:5080");
        }
        else if (!Uri.TryCreate(Url, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"--url '{Url}' is not an http:// or https:// address");
        }
        if (string.IsNullOrWhiteSpace(EventId))
        {
            problems.Add("--event is required: the id of the event to buy from");
        }
        else if (!EventDefinition.IsValidId(EventId))
        {
            problems.Add($"--event '{EventId}' is not a valid event id: 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (Buyers is < 1 or > MaxRequests)
        {
            problems.Add($"--buyers must be 1-{MaxRequests}, not {Buyers}");
        }
        if (Requests is < 1 or > MaxRequests)
        {
            problems.Add($"--requests must be 1-{MaxRequests}, not {Requests}");
        }
        if (Concurrency is < 1 or > MaxConcurrency)
        {
            problems.Add($"--concurrency must be 1-{MaxConcurrency}, not {Concurrency}");
        }
        if (!QuantityRange.TryParse(Quantity, out var quantity, out var quantityError))
        {
            problems.Add($"--quantity: {quantityError}");
        }
        if (!EventDefinition.IsValidId(Category))
        {
            problems.Add($"--category '{Category}' is not a valid category name: 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        // Checked with or without --hold-confirm, as simulate checks its --hold-ttl.
        if (HoldTtlSeconds is < 1 or > MaxHoldTtlSeconds)
        {
            problems.Add($"--hold-ttl must be 1-{MaxHoldTtlSeconds} seconds, not {HoldTtlSeconds}");
        }
        if (Tickets is { } tickets && (tickets < 1 || tickets > EventDefinition.MaxCapacity))
        {
            problems.Add($"--tickets must be 1-{EventDefinition.MaxCapacity}, not {tickets}");
        }
        if (Limit is < 1)
        {
            problems.Add($"--limit must be 1 or more, not {Limit}");
        }
        if (AdminKey is null && (Tickets is not null || Limit is not null))
        {
            problems.Add("--tickets and --limit describe the event to create: they need --admin-key");
        }
        if (AdminKey is { Length: 0 })
        {
            problems.Add("--admin-key must not be empty");
        }
        // Below 10 ms every attempt times out before a reply can arrive (a timeout of 1e-9 was accepted and then
        // failed the run), so the shortest timeout is 10 ms.
        if (TimeoutSeconds is < 0.01 or > 3600 || double.IsNaN(TimeoutSeconds))
        {
            problems.Add($"--timeout must be 0.01-3600 seconds, not {TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }
        if (Attempts is < 1 or > MaxAttempts)
        {
            problems.Add($"--attempts must be 1-{MaxAttempts}, not {Attempts}");
        }
        if (ReportJson is not null && ReportFiles.Problem(ReportJson) is { } reportProblem)
        {
            problems.Add($"--report-json: {reportProblem}");
        }
        if (Orders is not null && !CheckOnly && ReportFiles.Problem(Orders) is { } ordersProblem)
        {
            problems.Add($"--orders: {ordersProblem}");
        }
        if (CheckOnly && Orders is null)
        {
            problems.Add("--check-only needs --orders: the file of acknowledged orders an earlier run wrote");
        }
        else if (CheckOnly && !File.Exists(Orders))
        {
            problems.Add($"--orders '{Orders}' does not exist: --check-only reads the orders an earlier run wrote there");
        }

        errors = problems;
        if (problems.Count > 0)
        {
            return null!;
        }
        var capacity = Tickets ?? 100;
        // By default the limit only bites when a buyer could never ask for more than the event holds.
        var requestsPerBuyer = (Requests + Buyers - 1) / Buyers;
        var limit = Math.Min(capacity, Limit ?? (int)Math.Min(int.MaxValue, (long)quantity.Max * requestsPerBuyer));
        return new LoadPlan(url!, EventId!, Buyers, Requests, Concurrency, quantity, Category, HoldConfirm, HoldTtlSeconds, AdminKey, capacity, limit,
            TimeSpan.FromSeconds(TimeoutSeconds), Attempts, Seed ?? Random.Shared.Next(), Guid.NewGuid().ToString("N")[..8],
            Quiet, ReportJson, Orders, CheckOnly);
    }
}

/// <summary>A checked <c>load</c> command line: every request buys (or holds for <see cref="HoldTtlSeconds"/>) tickets of <see cref="Category"/>.</summary>
public sealed record LoadPlan(
    Uri Url,
    string EventId,
    int Buyers,
    int Requests,
    int Concurrency,
    QuantityRange Quantity,
    string Category,
    bool HoldConfirm,
    int HoldTtlSeconds,
    string? AdminKey,
    int Tickets,
    int Limit,
    TimeSpan Timeout,
    int Attempts,
    int Seed,
    string RunId,
    bool Quiet,
    string? ReportJson,
    string? Orders,
    bool CheckOnly)
{
    /// <summary>The Idempotency-Key of request <paramref name="index"/>: unique per run, the same on every retry.</summary>
    public string Key(int index) => string.Create(CultureInfo.InvariantCulture, $"load-{RunId}-{index}");

    /// <summary>Request <paramref name="index"/>'s buyer: the buyers take turns, so each sends about the same number of requests.</summary>
    public string Buyer(int index) => string.Create(CultureInfo.InvariantCulture, $"buyer-{index % Buyers + 1}");
}
