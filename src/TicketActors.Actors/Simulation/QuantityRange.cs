using System.Globalization;

namespace TicketActors.Actors.Simulation;

/// <summary>How many tickets each simulated buyer asks for: a number ("2") or an inclusive range ("1-4").</summary>
public readonly record struct QuantityRange(int Min, int Max)
{
    public static QuantityRange Single(int quantity) => new(quantity, quantity);

    public static bool TryParse(string? text, out QuantityRange range, out string error)
    {
        range = default;
        error = "";
        var parts = (text ?? "").Split('-');
        if (parts.Length is < 1 or > 2 ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min) ||
            (parts.Length == 2 ? !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) : (max = min) < 0))
        {
            error = $"'{text}' is not a quantity: use a whole number like 2 or a range like 1-4";
            return false;
        }
        if (min < 1 || max < min)
        {
            error = $"'{text}' is not a quantity: the numbers must be 1 or more, the lower first";
            return false;
        }
        range = new QuantityRange(min, max);
        return true;
    }

    public int Next(Random random) => Min == Max ? Min : random.Next(Min, Max + 1);

    public override string ToString() => Min == Max ? $"{Min}" : $"{Min}-{Max}";
}
