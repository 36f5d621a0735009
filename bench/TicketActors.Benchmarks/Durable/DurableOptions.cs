namespace TicketActors.Benchmarks.Durable;

/// <summary>The options of <c>durable</c>. Defaults keep a full run at about 5 minutes on a 2-core machine.</summary>
public sealed record DurableOptions
{
    public IReadOnlyList<int> Buyers { get; init; } = [1, 64, 1024];
    public IReadOnlyList<string> Stores { get; init; } = ["sqlite", "postgres"];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(1);
    public string OutFolder { get; init; } = Path.Combine("bench", "results");

    /// <summary>Tickets sold before the recovery is timed; 0 skips the recovery measurement.</summary>
    public int RecoveryTickets { get; init; } = 1_000_000;

    /// <summary>Tickets per purchase while the recovery event is written (1: one journal event per ticket, as in a flash sale).</summary>
    public int RecoveryQuantity { get; init; } = 1;

    public int RecoveryBuyers { get; init; } = 1024;

    /// <summary>Writing the recovery event stops here even if it has not sold <see cref="RecoveryTickets"/>; the size reached is reported.</summary>
    public TimeSpan RecoveryBudget { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public const string Usage = """
        usage: dotnet run -c Release --project bench/TicketActors.Benchmarks -- durable [options]

        Durable purchases/s of one hot event: the actor design on SQLite and on PostgreSQL, and the row-lock
        baseline (one PostgreSQL transaction per purchase), at each buyer count; then the recovery time of a
        big event on SQLite. Writes OUT/durable.md and OUT/durable.json.

          --buyers LIST             concurrent buyers per run, comma-separated (default 1,64,1024)
          --seconds S               measured seconds per run (default 5)
          --warmup S                seconds of load before measuring (default 1)
          --out FOLDER              where durable.md and durable.json go (default bench/results)
          --stores LIST             sqlite,postgres (default both; the baseline runs with postgres)
          --recovery-tickets N      tickets sold before timing recovery; 0 skips it (default 1000000)
          --recovery-quantity Q     tickets per purchase while writing them (default 1: one event per ticket)
          --recovery-buyers N       concurrent buyers writing them (default 1024)
          --recovery-budget S       stop writing after S seconds and time recovery of what was sold (default 120)
        """;

    private static readonly HashSet<string> Names =
        ["--buyers", "--stores", "--seconds", "--warmup", "--out", "--recovery-tickets", "--recovery-quantity", "--recovery-buyers", "--recovery-budget"];

    public static bool TryParse(IReadOnlyList<string> args, out DurableOptions options, out string error)
    {
        var parsed = new DurableOptions();
        var ok = OptionValues.Pairs(args, Names, (name, value) =>
        {
            switch (name)
            {
                case "--buyers":
                    if (!OptionValues.WholeList(value, 1, 100_000, out var buyers))
                    {
                        return $"--buyers: '{value}' is not a list of buyer counts from 1 to 100000";
                    }
                    parsed = parsed with { Buyers = buyers };
                    return null;
                case "--stores":
                    var stores = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => s.ToLowerInvariant()).Distinct().ToList();
                    if (stores.Count == 0 || stores.Any(s => s is not ("sqlite" or "postgres")))
                    {
                        return $"--stores must list sqlite and/or postgres, not '{value}'";
                    }
                    parsed = parsed with { Stores = stores };
                    return null;
                case "--seconds" when OptionValues.Seconds(value, 0.5, 3600, out var seconds):
                    parsed = parsed with { Duration = seconds };
                    return null;
                case "--warmup" when OptionValues.Seconds(value, 0, 3600, out var seconds):
                    parsed = parsed with { WarmUp = seconds };
                    return null;
                case "--recovery-budget" when OptionValues.Seconds(value, 1, 3600, out var seconds):
                    parsed = parsed with { RecoveryBudget = seconds };
                    return null;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    parsed = parsed with { OutFolder = value };
                    return null;
                case "--recovery-tickets" when OptionValues.Whole(value, 0, 10_000_000, out var n):
                    parsed = parsed with { RecoveryTickets = n };
                    return null;
                case "--recovery-quantity" when OptionValues.Whole(value, 1, 10_000, out var n):
                    parsed = parsed with { RecoveryQuantity = n };
                    return null;
                case "--recovery-buyers" when OptionValues.Whole(value, 1, 100_000, out var n):
                    parsed = parsed with { RecoveryBuyers = n };
                    return null;
                case "--seconds":
                    return $"--seconds must be a number from 0.5 to 3600, not '{value}'";
                case "--warmup":
                    return $"--warmup must be a number from 0 to 3600, not '{value}'";
                case "--recovery-budget":
                    return $"--recovery-budget must be a number from 1 to 3600, not '{value}'";
                case "--recovery-tickets":
                    return $"--recovery-tickets must be a whole number from 0 to 10000000, not '{value}'";
                case "--recovery-quantity":
                    return $"--recovery-quantity must be a whole number from 1 to 10000, not '{value}'";
                case "--recovery-buyers":
                    return $"--recovery-buyers must be a whole number from 1 to 100000, not '{value}'";
                default:
                    return "--out needs a folder";
            }
        }, out error);
        options = parsed;
        return ok;
    }
}
