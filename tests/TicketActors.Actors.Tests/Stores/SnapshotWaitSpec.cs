using Akka.Persistence.TestKit;
using TicketActors.Actors.BoxOffice;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>
/// When a snapshot is due, the box office holds new commands back (stashes them) until the writes in flight are stored.
/// If such a write fails instead, the held-back commands must still get their one reply (DESIGN: every command gets
/// exactly one reply). Akka.Persistence.TestKit's journal fails the write on cue.
/// </summary>
public sealed class SnapshotWaitSpec(ITestOutputHelper output) : BoxOfficeTestKit(output, TestJournalHocon)
{
    private ITestJournal Journal => ControlledJournal;

    [Fact]
    public async Task A_purchase_held_back_for_a_snapshot_gets_Unavailable_when_the_write_before_it_fails()
    {
        var boxOffice = Sys.ActorOf(TicketBoxOfficeActor.Props("held", BoxOfficeSettings.Default with { SnapshotEvery = 2 }), "held");
        boxOffice.Tell(new CreateEvent(Event("held", capacity: 10)), TestActor);
        ExpectMsg<EventAccepted>(Patience);

        // Sale k-1 is event 2 of 2: a snapshot is due, so k-2 is stashed until k-1's write is done; that write fails.
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Journal.OnWrite.FailIf(async message => message.SequenceNr == 2 && await release.Task);
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        boxOffice.Tell(new Purchase("held", "k-1", "buyer-1", "general", 1), first.Ref);
        boxOffice.Tell(new Purchase("held", "k-2", "buyer-2", "general", 1), second.Ref);
        release.SetResult(true);

        var failed = first.ExpectMsg<Rejected>(Patience);
        Assert.Equal((RejectionReason.Unavailable, "k-1"), (failed.Reason, failed.RequestId));
        var held = second.ExpectMsg<Rejected>(Patience);
        Assert.Equal((RejectionReason.Unavailable, "k-2"), (held.Reason, held.RequestId));
    }
}
