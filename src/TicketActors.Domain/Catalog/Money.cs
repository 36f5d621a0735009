namespace TicketActors.Domain.Catalog;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency, so no rounding ever happens.</summary>
public sealed record Money(long MinorUnits, string Currency)
{
    public static bool IsCurrencyCode(string? code) =>
        code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');

    public override string ToString() => $"{MinorUnits / 100m:0.00} {Currency}";
}
