using System.Globalization;

namespace TicketActors.Benchmarks;

/// <summary>The values the benchmarks' options take: whole numbers, lists of them, seconds; invariant culture, in range.</summary>
public static class OptionValues
{
    public static bool Whole(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    /// <summary>A comma-separated list of whole numbers, at least one, each in range; an empty entry (<c>1,,2</c>) is refused.</summary>
    public static bool WholeList(string text, int min, int max, out IReadOnlyList<int> values)
    {
        var parsed = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Whole(part, min, max, out var value))
            {
                values = [];
                return false;
            }
            parsed.Add(value);
        }
        values = parsed;
        return parsed.Count > 0;
    }

    public static bool Seconds(string text, double min, double max, out TimeSpan value)
    {
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= min && seconds <= max;
        value = ok ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        return ok;
    }

    /// <summary>
    /// Reads the options as NAME VALUE pairs, in order, handing each to <paramref name="take"/>, which returns null when
    /// it took the pair, else what is wrong with it. False with that error, "unknown option" for a name not in
    /// <paramref name="names"/>, or "NAME needs a value" (also when the next word is an option) at the first bad pair.
    /// </summary>
    public static bool Pairs(IReadOnlyList<string> args, IReadOnlySet<string> names, Func<string, string, string?> take, out string error)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!names.Contains(args[i]))
            {
                error = $"unknown option '{args[i]}'";
                return false;
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{args[i]} needs a value";
                return false;
            }
            if (take(args[i], args[i + 1]) is { } problem)
            {
                error = problem;
                return false;
            }
        }
        error = "";
        return true;
    }
}
