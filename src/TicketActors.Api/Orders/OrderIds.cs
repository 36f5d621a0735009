using System.Globalization;
using TicketActors.Domain.Catalog;

namespace TicketActors.Api.Orders;

/// <summary>
/// An order's public id: <c>{eventId}-{orderNumber}</c>. Event ids may contain '-', order numbers cannot, so the id is
/// split at its last '-'. Only the canonical form parses ("gala-7", not "gala-07" or "gala-+7").
/// </summary>
public static class OrderIds
{
    public static string Of(string eventId, int orderNumber) => $"{eventId}-{orderNumber.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? orderId, out string eventId, out int orderNumber)
    {
        eventId = "";
        orderNumber = 0;
        var dash = orderId?.LastIndexOf('-') ?? -1;
        if (dash < 1)
        {
            return false;
        }
        var number = orderId![(dash + 1)..];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out orderNumber) || orderNumber < 1 ||
            number != orderNumber.ToString(CultureInfo.InvariantCulture))
        {
            return false;
        }
        eventId = orderId[..dash];
        return EventDefinition.IsValidId(eventId);
    }
}
