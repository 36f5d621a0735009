namespace TicketActors.Benchmarks.InMemory;

/// <summary>The options of <c>inmemory</c>. The defaults are the issue's buyer counts, three runs each: 2 to 6 minutes on 2 cores.</summary>
public sealed record InMemoryOptions
{
    /// <summary>The most buyers of one run.</summary>
    public const int MaxBuyers = 10_000_000;

    /// <summary>The most tickets of one run: the domain's largest capacity of an event.</summary>
    public const int MaxTickets = 10_000_000;

    public IReadOnlyList<int> Buyers { get; init; } = [1, 64, 1_024, 100_000, 1_000_000];
    public IReadOnlyList<string> Designs { get; init; } = [.. SaleDesigns.All.Select(d => d.Key)];
    public int Tickets { get; init; } = 100_000;
    public int Runs { get; init; } = 3;
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public string OutFolder { get; init; } = Path.Combine("bench", "results");

    public const string Usage = """
        usage: dotnet run -c Release --project bench/TicketActors.Benchmarks -- inmemory [options]

        One event's tickets sold to N concurrent buyers, in memory, by four designs side by side: the actor box
        office on the in-memory journal, the same without persistence, a lock with one task per buyer, and a
        channel with one consumer. Each buyer buys one ticket at a time until sold out. Every run is a child
        process of its own (so its peak memory is its own) and is checked. Writes OUT/inmemory.md,
        OUT/inmemory.json, OUT/inmemory-throughput.png and OUT/inmemory-p99.png.

          --buyers LIST     concurrent buyers, comma-separated (default 1,64,1024,100000,1000000)
          --tickets N       tickets on sale (default 100000)
          --runs N          runs of each design at each buyer count; the table shows the median (default 3)
          --designs LIST    actor,actor-nojournal,lock,channel (default all)
          --timeout S       seconds one run may take before it counts as failed (default 300)
          --out FOLDER      where the results go (default bench/results)
        """;

    private static readonly HashSet<string> Names = ["--buyers", "--tickets", "--runs", "--designs", "--timeout", "--out"];

    public static bool TryParse(IReadOnlyList<string> args, out InMemoryOptions options, out string error)
    {
        var parsed = new InMemoryOptions();
        var ok = OptionValues.Pairs(args, Names, (name, value) =>
        {
            switch (name)
            {
                case "--buyers" when OptionValues.WholeList(value, 1, MaxBuyers, out var buyers):
                    parsed = parsed with { Buyers = [.. buyers.Distinct()] };
                    return null;
                case "--tickets" when OptionValues.Whole(value, 1, MaxTickets, out var tickets):
                    parsed = parsed with { Tickets = tickets };
                    return null;
                case "--runs" when OptionValues.Whole(value, 1, 100, out var runs):
                    parsed = parsed with { Runs = runs };
                    return null;
                case "--timeout" when OptionValues.Whole(value, 1, 86_400, out var seconds):
                    parsed = parsed with { RunTimeout = TimeSpan.FromSeconds(seconds) };
                    return null;
                case "--designs":
                    var designs = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = designs.FirstOrDefault(d => !SaleDesigns.IsKnown(d));
                    if (designs.Length == 0 || unknown is not null)
                    {
                        return $"--designs: '{unknown ?? value}' is not one of {string.Join(", ", SaleDesigns.All.Select(d => d.Key))}";
                    }
                    parsed = parsed with { Designs = [.. designs.Distinct()] };
                    return null;
                case "--out":
                    parsed = parsed with { OutFolder = value };
                    return null;
                case "--buyers":
                    return $"--buyers must be whole numbers from 1 to {MaxBuyers}, comma-separated, not '{value}'";
                case "--tickets":
                    return $"--tickets must be a whole number from 1 to {MaxTickets}, not '{value}'";
                case "--runs":
                    return $"--runs must be a whole number from 1 to 100, not '{value}'";
                default:
                    return $"--timeout must be whole seconds from 1 to 86400, not '{value}'";
            }
        }, out error);
        options = parsed;
        return ok;
    }
}
