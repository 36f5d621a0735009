using System.Diagnostics;
using Akka.Actor;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Benchmarks.Durable;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// The actor design: one actor per buyer (a <see cref="BuyerActor"/>, started by a <see cref="BuyerCrowd"/>) telling
/// its purchases to the box office. With the journal it is the real thing: the <see cref="BoxOfficeRegistry"/> and its
/// <see cref="TicketBoxOfficeActor"/> on the in-memory journal with the project's HOCON (group commit, snapshots every
/// <c>snapshot-every</c> events, a sale answered after its write). Without it, a <see cref="BoxOfficeWithoutJournal"/>:
/// the same state in a plain actor that answers at once, which shows what persistence costs.
/// </summary>
public sealed class ActorBoxOffice(bool journal) : ISaleDesign
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public string Name => journal ? SaleDesigns.ActorJournal : SaleDesigns.ActorWithoutJournal;

    public async Task<SaleResult> RunAsync(SaleSetup setup)
    {
        var system = TicketActorsSystem.Create("in-memory", ActorPurchases.BenchConfig, StoreSettings.Memory);
        try
        {
            var boxOffice = journal
                ? system.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(system.Settings.Config)), BoxOfficeRegistry.Name)
                : system.ActorOf(BoxOfficeWithoutJournal.Props(), "box-office-without-journal");
            var created = await boxOffice.Ask<IBoxOfficeReply>(new CreateEvent(setup.Event), Patience);
            if (created is not EventAccepted)
            {
                throw new InvalidOperationException($"the event was not created: {created}");
            }

            var done = new TaskCompletionSource<BuyerLog[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            system.ActorOf(BuyerCrowd.Props(setup, boxOffice, done), "buyers");
            var logs = await done.Task;
            var elapsed = Stopwatch.GetElapsedTime(started);

            var final = await boxOffice.Ask<Availability>(new GetAvailability(SaleSetup.EventId), Patience);
            return SaleResult.From(Name, setup, logs, final, elapsed);
        }
        finally
        {
            await system.Terminate().WaitAsync(Patience);
        }
    }
}
