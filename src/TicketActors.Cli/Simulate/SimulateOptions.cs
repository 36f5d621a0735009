using System.Globalization;
using TicketActors.Actors.Hosting;
using TicketActors.Actors.Simulation;
using TicketActors.Domain.Catalog;

namespace TicketActors.Cli.Simulate;

/// <summary>The options of <c>ticketactors simulate</c> as typed, before they are checked.</summary>
public sealed record SimulateOptions(
    int Users,
    int? Tickets,
    string Quantity,
    string? Categories,
    string? Limit,
    int? Seed,
    string? EventId,
    double TimeoutSeconds,
    int Attempts,
    bool Verbose,
    bool Quiet,
    string? ReportJson,
    string? Store = null,
    string? Connection = null,
    bool HoldConfirm = false,
    double HoldTtlSeconds = 2,
    string Think = "0-3",
    double AbandonPercent = 10,
    int ActiveUsers = SimulationPlan.DefaultActiveUsers)
{
    /// <summary>Fixed, so that a later run with the same options and <c>--event</c> continues the same event.</summary>
    public static readonly DateTimeOffset EventStartsAt = new(2027, 6, 1, 20, 0, 0, TimeSpan.Zero);

    public const string DefaultCategory = "general";
    public const int NarrateUpTo = 50;
    public const int MaxUsers = 10_000_000;
    public const int MaxAttempts = 100;

    /// <summary>Which of <c>--hold-ttl</c>, <c>--think</c> and <c>--abandon</c> were typed: they mean something only with
    /// <c>--hold-confirm</c>, so without it they are refused rather than silently ignored.</summary>
    public IReadOnlyList<string> HoldOptionsGiven { get; init; } = [];

    /// <summary>Turns the options into a plan, or says every reason it cannot.</summary>
    public SimulationRunSettings ToSettings(out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        if (Users is < 1 or > MaxUsers)
        {
            problems.Add($"--users must be 1-{MaxUsers}, not {Users}");
        }
        if (Tickets is < 1 or > EventDefinition.MaxCapacity)
        {
            problems.Add($"--tickets must be 1-{EventDefinition.MaxCapacity}, not {Tickets}");
        }
        if (!QuantityRange.TryParse(Quantity, out var quantity, out var quantityError))
        {
            problems.Add($"--quantity: {quantityError}");
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
        if (ActiveUsers is < 1 or > MaxUsers)
        {
            problems.Add($"--active-users must be 1-{MaxUsers}, not {ActiveUsers}");
        }
        if (ReportJson is not null && ReportFiles.Problem(ReportJson) is { } reportProblem)
        {
            problems.Add($"--report-json: {reportProblem}");
        }
        var holds = HoldConfirmSettings(problems);
        if (!HoldConfirm)
        {
            problems.AddRange(HoldOptionsGiven.Select(option => $"{option} works only with --hold-confirm (users buy at once without it)"));
        }
        if (Verbose && Quiet)
        {
            problems.Add("--verbose and --quiet cannot be used together");
        }
        if (!StoreSettings.TryParse(Store, Connection, out var store, out var storeError))
        {
            problems.Add(storeError);
        }
        if (EventId is not null && !EventDefinition.IsValidId(EventId))
        {
            problems.Add($"--event '{EventId}' is not a valid event id: 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        var capacities = ParseCategories(problems);
        var limits = capacities is null ? null : ParseLimits(capacities, problems);
        if (capacities is not null && Categories is not null && Tickets is { } tickets && tickets != capacities.Sum(c => c.Capacity))
        {
            problems.Add($"--tickets {tickets} does not match the sum of --categories ({capacities.Sum(c => c.Capacity)}); give one or make them agree");
        }

        errors = problems;
        if (problems.Count > 0 || capacities is null || limits is null)
        {
            return null!;
        }

        var runId = Guid.NewGuid().ToString("N")[..8];
        var definition = new EventDefinition(
            EventId ?? $"flash-sale-{runId}",
            "Flash sale",
            EventStartsAt,
            [.. capacities.Select(c => new TicketCategory(c.Name, c.Capacity, new Money(c.Price, "EUR"),
                Math.Min(limits.GetValueOrDefault(c.Name, limits.GetValueOrDefault("", quantity.Max)), c.Capacity)))]);
        var narrate = !Quiet && (Verbose || Users <= NarrateUpTo);
        var plan = new SimulationPlan(definition, Users, quantity, Seed ?? Random.Shared.Next(), runId,
            new UserSettings(TimeSpan.FromSeconds(TimeoutSeconds), Attempts, narrate) { HoldConfirm = holds })
        {
            ActiveUsers = ActiveUsers,
        };
        return new SimulationRunSettings(plan, store, narrate, Quiet, ReportJson);
    }

    /// <summary>
    /// The hold-confirm settings, or null without <c>--hold-confirm</c>. The ttl may be at most the box office's
    /// <c>max-hold-ttl</c> default of one hour; --think is seconds as a number or a range like 0-3.
    /// </summary>
    private HoldConfirmSettings? HoldConfirmSettings(List<string> problems)
    {
        // At least a millisecond: a shorter ttl would be zero once it is a TimeSpan, and every hold would be refused.
        if (HoldTtlSeconds is < 0.001 or > 3600 || double.IsNaN(HoldTtlSeconds))
        {
            problems.Add($"--hold-ttl must be at least 0.001 and at most 3600 seconds, not {HoldTtlSeconds.ToString(CultureInfo.InvariantCulture)}");
        }
        if (AbandonPercent is < 0 or > 100 || double.IsNaN(AbandonPercent))
        {
            problems.Add($"--abandon must be a percentage from 0 to 100, not {AbandonPercent.ToString(CultureInfo.InvariantCulture)}");
        }
        var parts = Think.Split('-');
        double thinkMin = 0, thinkMax = 0;
        if (parts.Length is < 1 or > 2 ||
            !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out thinkMin) ||
            !double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out thinkMax) ||
            thinkMin < 0 || thinkMax < thinkMin || thinkMax > 3600)
        {
            problems.Add($"--think: '{Think}' is not a think time: seconds (1.5) or a range (0-3), at most 3600, the lower first");
        }
        return HoldConfirm
            ? new HoldConfirmSettings(TimeSpan.FromSeconds(HoldTtlSeconds), TimeSpan.FromSeconds(thinkMin), TimeSpan.FromSeconds(thinkMax), AbandonPercent / 100)
            : null;
    }

    /// <summary>
    /// <c>--limit</c>: a number for every category (<c>4</c>), per category (<c>vip:2</c>), or both (<c>4,vip:2</c>: vip 2,
    /// the others 4). Categories it does not name get the largest quantity. The result is keyed by category name, with
    /// "" for every other category; null (and a problem) when it names a category the event does not have.
    /// </summary>
    private Dictionary<string, int>? ParseLimits(List<(string Name, int Capacity, long Price)> categories, List<string> problems)
    {
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Limit is null)
        {
            return limits;
        }
        foreach (var item in Limit.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            var name = parts.Length == 2 ? parts[0] : "";
            if (parts.Length > 2 || (parts.Length == 2 && name.Length == 0) ||
                !int.TryParse(parts[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
            {
                problems.Add($"--limit: '{item}' is not a limit: a whole number (4) or category:number (vip:2)");
                return null;
            }
            if (limit < 1)
            {
                problems.Add(name.Length == 0 ? $"--limit must be 1 or more, not {limit}" : $"--limit of '{name}' must be 1 or more, not {limit}");
                return null;
            }
            if (name.Length > 0 && !categories.Exists(c => c.Name == name))
            {
                problems.Add($"--limit: unknown category '{name}'; the categories are {string.Join(", ", categories.Select(c => c.Name))}");
                return null;
            }
            if (!limits.TryAdd(name, limit))
            {
                problems.Add(name.Length == 0 ? "--limit: more than one limit for every category" : $"--limit: '{name}' is given twice");
                return null;
            }
        }
        return limits;
    }

    private List<(string Name, int Capacity, long Price)>? ParseCategories(List<string> problems)
    {
        if (Categories is null)
        {
            return [(DefaultCategory, Tickets ?? 100, 0L)];
        }
        var result = new List<(string Name, int Capacity, long Price)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Categories.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            if (parts.Length is < 2 or > 3 || !EventDefinition.IsValidId(parts[0]) ||
                !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) || capacity < 1 ||
                (parts.Length == 3 ? !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var price) : (price = 0) != 0))
            {
                problems.Add($"--categories: '{item}' is not name:capacity[:price] (like general:900,vip:100:5000; price in cents)");
                return null;
            }
            if (capacity > EventDefinition.MaxCapacity)
            {
                problems.Add($"--categories: capacity of '{parts[0]}' must be at most {EventDefinition.MaxCapacity}");
                return null;
            }
            if (!names.Add(parts[0]))
            {
                problems.Add($"--categories: '{parts[0]}' is given twice");
                return null;
            }
            result.Add((parts[0], capacity, price));
        }
        if (result.Sum(c => (long)c.Capacity) > EventDefinition.MaxCapacity)
        {
            problems.Add($"--categories: the capacities add up to {result.Sum(c => (long)c.Capacity)}; an event sells at most {EventDefinition.MaxCapacity}");
            return null;
        }
        return result;
    }
}

/// <summary>A checked simulate command: the plan and how to show it.</summary>
public sealed record SimulationRunSettings(SimulationPlan Plan, StoreSettings Store, bool Narrate, bool Quiet, string? ReportJson);
