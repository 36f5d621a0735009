using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json.Serialization;

namespace TicketActors.Benchmarks.Http;

/// <summary>
/// The ceiling of the <c>http</c> benchmark: a minimal Kestrel app on the same machine that reads the same purchase
/// body and answers 201 with a small order-shaped JSON body, deciding nothing and storing nothing. What HTTP on this
/// machine costs by itself; the service cannot beat it.
/// </summary>
public static class CeilingServer
{
    public const string Command = "ceiling-server";

    public static async Task<int> RunAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, CeilingJson.Default));
        var app = builder.Build();
        var serial = 0;
        app.MapGet("/ready", () => Results.Ok());
        app.MapPost("/events/{eventId}/purchases", (string eventId, CeilingPurchase purchase) =>
        {
            var number = Interlocked.Increment(ref serial);
            return TypedResults.Json(new CeilingOrder(eventId, number, purchase.BuyerId, purchase.Category, purchase.Quantity,
                [new CeilingTicket(number, "AAAAAAAAAAAAAAAAAAAAAA")]), CeilingJson.Default.CeilingOrder, statusCode: StatusCodes.Status201Created);
        });
        await app.RunAsync();
        return 0;
    }
}

public sealed record CeilingPurchase(string BuyerId, string Category, int Quantity);

public sealed record CeilingTicket(int Serial, string Code);

public sealed record CeilingOrder(string EventId, int OrderNumber, string BuyerId, string Category, int Quantity, IReadOnlyList<CeilingTicket> Tickets);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CeilingPurchase))]
[JsonSerializable(typeof(CeilingOrder))]
internal sealed partial class CeilingJson : JsonSerializerContext;
