using System.Diagnostics;
using Akka.Actor;
using TicketActors.Domain.BoxOffice;
using Xunit.Abstractions;

namespace TicketActors.Actors.Tests.BoxOffice;

/// <summary>
/// The registry's backoff (CASES C17, C19): a box office that stopped on a failure is started again by a later command,
/// no sooner than the backoff, which doubles with each failure up to max-backoff. Meanwhile the registry answers
/// Unavailable at once, saying when to retry, instead of hammering a store that is down.
/// </summary>
public sealed class BackoffSpec(ITestOutputHelper output) : BoxOfficeTestKit(output, TestJournalHocon + """
    ticketactors.box-office { min-backoff = 300ms, max-backoff = 1s }
    """)
{
    /// <summary>The registry answers without the box office, so it answers at once; 200 ms leaves room for a busy test machine.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task During_the_backoff_the_registry_answers_Unavailable_at_once_and_each_failure_doubles_the_wait_up_to_max_backoff()
    {
        Create(Event("bo", capacity: 10));
        await ControlledJournal.OnWrite.Fail();

        var backoffs = new List<(int Wait, double SinceStop)>();
        for (var failure = 1; failure <= 3; failure++)
        {
            // Start the box office (through the backoff of the previous failure) and watch it, so its stop is seen.
            Assert.IsType<Availability>(SendPastBackoff(new GetAvailability("bo")));
            var boxOffice = BoxOfficeOf("bo");
            Watch(boxOffice);
            var failed = Assert.IsType<Rejected>(Buy("bo", "k-1", "buyer-1", 1));
            Assert.Equal(RejectionReason.Unavailable, failed.Reason);
            Assert.Null(BackoffWaitOf(failed));
            ExpectTerminated(boxOffice, Patience);
            var sinceStop = Stopwatch.StartNew();
            Assert.NotNull(AwaitRegistrySawStop("bo"));

            Registry.Tell(new Purchase("bo", "k-1", "buyer-1", "general", 1), TestActor);
            var backoff = ExpectMsg<Rejected>(AtOnce);

            Assert.Equal((RejectionReason.Unavailable, "k-1"), (backoff.Reason, backoff.RequestId));
            var wait = BackoffWaitOf(backoff) ?? throw new Xunit.Sdk.XunitException($"not a backoff answer: {backoff.Message}");
            backoffs.Add((wait, sinceStop.Elapsed.TotalMilliseconds));
            Unwatch(boxOffice);
        }
        await ControlledJournal.OnWrite.Pass();

        // Nominal: 300 ms, then 600 ms, then 1,200 ms capped at 1 s. A wait is read a little after the stop, so it is
        // at most the nominal one, and with the time since the stop it adds up to the nominal one (within 100 ms).
        Assert.True(backoffs[0].Wait is > 0 and <= 300 && backoffs[1].Wait is > 0 and <= 600 && backoffs[2].Wait is > 0 and <= 1000,
            $"waits {string.Join(", ", backoffs)}");
        var totals = backoffs.Select(b => b.Wait + b.SinceStop).ToList();
        Assert.True(Math.Abs(totals[0] - 300) <= 100 && Math.Abs(totals[1] - 600) <= 100 && Math.Abs(totals[2] - 1000) <= 100,
            $"backoffs of about {string.Join(", ", totals.Select(t => $"{t:0} ms"))}, expected 300, 600 and 1000 ms");
        Assert.True(backoffs[1].Wait > backoffs[0].Wait, $"the second wait ({backoffs[1].Wait} ms) is not longer than the first ({backoffs[0].Wait} ms)");
        var purchased = Assert.IsType<Purchased>(SendPastBackoff(new Purchase("bo", "k-1", "buyer-1", "general", 1)));
        Assert.Equal([1], purchased.Order.Tickets.Select(t => t.Serial));
        Assert.Equal(1, AvailabilityOf("bo").Sold);
    }

    /// <summary>
    /// The command that starts a box office is stashed while it recovers; when the recovery fails, Akka drops the stash
    /// with the actor (dead letters). That buyer is still owed a reply: every command gets one (Unavailable, from the
    /// box office's failure or from the registry's backoff), within a second here.
    /// </summary>
    [Fact]
    public async Task A_box_office_whose_recovery_fails_answers_Unavailable_and_serves_again_once_the_journal_recovers()
    {
        Create(Event("rf", capacity: 10));
        var original = Assert.IsType<Purchased>(Buy("rf", "k-1", "buyer-1", 1));
        await ControlledJournal.OnRecovery.Fail();
        var boxOffice = BoxOfficeOf("rf");
        Watch(boxOffice);
        boxOffice.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        ExpectTerminated(boxOffice, Patience);
        Assert.NotNull(AwaitRegistrySawStop("rf"));

        // Two failed recoveries: each started by the first command after a backoff.
        var failedRecoveries = 0;
        var started = Stopwatch.StartNew();
        while (failedRecoveries < 2)
        {
            Registry.Tell(new Purchase("rf", "k-2", "buyer-2", "general", 1), TestActor);
            var reply = ReceiveOne(TimeSpan.FromSeconds(1));
            Assert.True(reply is not null, $"no reply within 1 s (failed recoveries before: {failedRecoveries})");
            var rejected = Assert.IsType<Rejected>(reply);
            Assert.Equal((RejectionReason.Unavailable, "k-2"), (rejected.Reason, rejected.RequestId));
            if (BackoffWaitOf(rejected) is null)
            {
                failedRecoveries++;
            }
            Assert.True(started.Elapsed < Patience, $"still no failed recovery seen after {started.Elapsed}");
            ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        }
        await ControlledJournal.OnRecovery.Pass();

        var purchased = Assert.IsType<Purchased>(SendPastBackoff(new Purchase("rf", "k-2", "buyer-2", "general", 1)));
        Assert.Equal([2], purchased.Order.Tickets.Select(t => t.Serial));
        var replay = Assert.IsType<Purchased>(Buy("rf", "k-1", "buyer-1", 1));
        Assert.Equal(original.Order.Tickets.ToArray(), replay.Order.Tickets.ToArray());
        Assert.Equal(2, AvailabilityOf("rf").Sold);
    }

    [Fact]
    public async Task A_box_office_whose_recovery_fails_is_never_stuck_the_registry_starts_it_again_and_it_serves_once_the_journal_recovers()
    {
        Create(Event("rf2", capacity: 10));
        Assert.IsType<Purchased>(Buy("rf2", "k-1", "buyer-1", 1));
        await ControlledJournal.OnRecovery.Fail();
        var first = BoxOfficeOf("rf2");
        Watch(first);
        first.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        ExpectTerminated(first, Patience);
        Assert.NotNull(AwaitRegistrySawStop("rf2"));

        // Past the backoff, a command starts a box office that cannot recover. Whether that command gets Unavailable
        // (the spec above) or is lost, the registry starts a box office again on a later command.
        var started = Stopwatch.StartNew();
        while (true)
        {
            Registry.Tell(new GetAvailability("rf2"), TestActor);
            var reply = ReceiveOne(TimeSpan.FromSeconds(1)) as IBoxOfficeReply;
            Assert.False(reply is Availability, "a box office whose journal cannot be read answered the availability");
            if (reply is null || BackoffWaitOf(reply) is null)
            {
                break;
            }
            Assert.True(started.Elapsed < Patience, $"the registry kept answering with its backoff for {started.Elapsed}");
            ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        }
        await ControlledJournal.OnRecovery.Pass();

        var served = Assert.IsType<Availability>(SendPastBackoff(new GetAvailability("rf2")));
        Assert.Equal((1, 9), (served.Sold, served.Available));
        Assert.NotEqual(first, BoxOfficeOf("rf2"));
        Assert.IsType<Purchased>(Buy("rf2", "k-2", "buyer-2", 1));
    }
}
