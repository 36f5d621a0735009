using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using TicketActors.Api.CheckIns;
using TicketActors.Api.Events;
using TicketActors.Api.Health;
using TicketActors.Api.Hosting;
using TicketActors.Api.Holds;
using TicketActors.Api.LiveAvailability;
using TicketActors.Api.Orders;
using TicketActors.Api.Purchases;

var builder = WebApplication.CreateBuilder(args);
builder.AddTicketActorsService();

try
{
    var app = builder.Build();
    app.UseTicketActorsPipeline();
    app.MapHealthApi();
    app.MapEventsApi();
    app.MapAvailabilityApi();
    app.MapPurchasesApi();
    app.MapHoldsApi();
    app.MapOrdersApi();
    app.MapCheckInsApi();
    app.MapOpenApi();
    app.Run();
}
catch (OptionsValidationException refused)
{
    // Settings that cannot work: one line per problem naming the setting, nothing started, exit code 2.
    foreach (var failure in refused.Failures)
    {
        Console.Error.WriteLine($"error: {failure}");
    }
    return 2;
}
catch (InvalidOperationException unreadable) when (unreadable.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // A setting that is not a value of its type at all ('banana' for a time span): the configuration binder's message
    // says which value, where and what type.
    Console.Error.WriteLine($"error: {unreadable.Message}");
    return 2;
}
catch (IOException unbound) when (unbound.InnerException is AddressInUseException)
{
    // Another program (or another copy of the service) listens on the address: Kestrel's message names it.
    Console.Error.WriteLine($"error: {unbound.Message} Choose another with --urls.");
    return 1;
}
// 1 when the box offices could not start (BoxOfficeHost sets it), else 0.
return Environment.ExitCode;
