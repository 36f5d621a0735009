using Akka.Persistence.TestKit;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.BoxOffice;

/// <summary>Nothing is acknowledged unless it is stored (CASES C17, first part): Akka.Persistence.TestKit's journal fails on demand.</summary>
public sealed class JournalFailureSpec(ITestOutputHelper output) : BoxOfficeTestKit(output, TestJournalHocon)
{
    private ITestJournal Journal => ControlledJournal;

    [Fact]
    public async Task A_purchase_whose_write_fails_gets_Unavailable_and_is_never_counted()
    {
        Create(Event("e17", capacity: 10));
        Assert.IsType<Purchased>(Buy("e17", "k-1", "buyer-1", 1));

        await Journal.OnWrite.Fail();
        var failed = Assert.IsType<Rejected>(Buy("e17", "k-2", "buyer-2", 1));
        await Journal.OnWrite.Pass();

        Assert.Equal((RejectionReason.Unavailable, "k-2"), (failed.Reason, failed.RequestId));
        AwaitAssert(() => Assert.Equal(1, AvailabilityOf("e17").Sold), Patience);
        var next = Assert.IsType<Purchased>(Buy("e17", "k-3", "buyer-3", 1));
        Assert.Equal([2], next.Order.Tickets.Select(t => t.Serial));
        Assert.Equal(2, AvailabilityOf("e17").Sold);
    }

    [Fact]
    public async Task A_purchase_whose_write_is_rejected_gets_Unavailable_and_a_retry_succeeds_once()
    {
        Create(Event("e17b", capacity: 10));

        await Journal.OnWrite.Reject();
        var rejected = Assert.IsType<Rejected>(Buy("e17b", "k-1", "buyer-1", 1));
        await Journal.OnWrite.Pass();

        Assert.Equal(RejectionReason.Unavailable, rejected.Reason);
        AwaitAssert(() => Assert.Equal(0, AvailabilityOf("e17b").Sold), Patience);
        var retry = Assert.IsType<Purchased>(Buy("e17b", "k-1", "buyer-1", 1));
        Assert.Equal([1], retry.Order.Tickets.Select(t => t.Serial));
        Assert.IsType<Purchased>(Buy("e17b", "k-1", "buyer-1", 1));
        Assert.Equal(1, AvailabilityOf("e17b").Sold);
    }
}
