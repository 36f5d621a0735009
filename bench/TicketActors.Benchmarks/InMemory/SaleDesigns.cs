namespace TicketActors.Benchmarks.InMemory;

/// <summary>A way to sell one event's tickets to many concurrent buyers, run once and checked.</summary>
public interface ISaleDesign
{
    string Name { get; }

    Task<SaleResult> RunAsync(SaleSetup setup);
}

/// <summary>The designs the in-memory benchmark compares, by the names its options and tables use.</summary>
public static class SaleDesigns
{
    public const string ActorJournal = "actor (in-memory journal)";
    public const string ActorWithoutJournal = "actor (no persistence)";
    public const string Lock = "lock (task per buyer)";
    public const string Channel = "channel (single consumer)";

    /// <summary>Short names for the command line, in the order of the table.</summary>
    public static readonly IReadOnlyList<(string Key, string Name)> All =
    [
        ("actor", ActorJournal),
        ("actor-nojournal", ActorWithoutJournal),
        ("lock", Lock),
        ("channel", Channel),
    ];

    public static bool IsKnown(string key) => All.Any(design => design.Key == key);

    public static ISaleDesign Create(string key) => key switch
    {
        "actor" => new ActorBoxOffice(journal: true),
        "actor-nojournal" => new ActorBoxOffice(journal: false),
        "lock" => new LockBoxOffice(),
        "channel" => new ChannelBoxOffice(),
        _ => throw new ArgumentException($"unknown design '{key}'", nameof(key)),
    };
}
