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
