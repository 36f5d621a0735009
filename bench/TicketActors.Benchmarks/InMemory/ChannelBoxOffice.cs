using System.Diagnostics;
using System.Threading.Channels;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// The second baseline: one task per buyer writing its purchase into a <see cref="Channel{T}"/>, and a single consumer
/// task that owns the inventory (the same pure <see cref="BoxOfficeState"/>), decides one purchase at a time and
/// completes the buyer's <see cref="TaskCompletionSource{TResult}"/>. A mailbox and one reader, without the actor
/// runtime: no supervision, no routing, no persistence, no location transparency.
/// </summary>
public sealed class ChannelBoxOffice : ISaleDesign
{
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Inventory _inventory = new();

    public string Name => SaleDesigns.Channel;

    public async Task<SaleResult> RunAsync(SaleSetup setup)
    {
        var consumer = Task.Run(ConsumeAsync);
        await AskAsync(new CreateEvent(setup.Event));
        var (logs, elapsed) = await TaskBuyers.RunAsync(setup.Buyers, buyer => BuyAsync(buyer, setup.Tickets));
        var final = (Availability)await AskAsync(new GetAvailability(SaleSetup.EventId));
        _requests.Writer.Complete();
        await consumer;
        return SaleResult.From(Name, setup, logs, final, elapsed);
    }

    private async Task<BuyerLog> BuyAsync(int buyer, int limit)
    {
        var log = new BuyerLog(limit);
        for (var number = 0; ; number++)
        {
            var purchase = SaleSetup.PurchaseOf(buyer, number);
            var sentAt = Stopwatch.GetTimestamp();
            if (log.Record(purchase, await AskAsync(purchase), sentAt))
            {
                return log;
            }
        }
    }

    private async Task<IBoxOfficeReply> AskAsync(IBoxOfficeCommand command)
    {
        var reply = new TaskCompletionSource<IBoxOfficeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _requests.Writer.WriteAsync(new Request(command, reply));
        return await reply.Task;
    }

    private async Task ConsumeAsync()
    {
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var request))
            {
                request.Reply.SetResult(_inventory.Serve(request.Command));
            }
        }
    }

    private readonly record struct Request(IBoxOfficeCommand Command, TaskCompletionSource<IBoxOfficeReply> Reply);
}
