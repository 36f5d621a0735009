using System.Collections.Concurrent;
using CsCheck;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using TicketActors.Domain.Tickets;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.PropertyBased;

/// <summary>
/// Random command sequences against an event with two categories (general: 12, limit 4; vip: 5, limit 2), checked after
/// every step against the guarantees, against a small reference model of the expected reply, and against a restart
/// (replaying the journal). Quantities near int.MaxValue are left to the dedicated overflow specs.
/// </summary>
public sealed class BoxOfficePropertySpec
{
    private static readonly EventDefinition TwoCategories =
        Event(Category(General, 12, 4, 2_500), Category(Vip, 5, 2, 9_900));

    private static readonly Gen<int> Quantity = Gen.Frequency(
        (10, (IGen<int>)Gen.Int[1, 4]),
        (2, Gen.Int[5, 13]),
        (2, Gen.Int[-2, 0]),
        (1, Gen.OneOf(int.MinValue, 1_000_000)));

    private static readonly Gen<string> CategoryName = Gen.Frequency(
        (6, (IGen<string>)Gen.Const(General)),
        (4, Gen.Const(Vip)),
        (1, Gen.Const("balcony")));

    private static readonly Gen<string> RequestId = Gen.Frequency(
        (30, (IGen<string>)Gen.Int[0, 24].Select(i => $"r{i}")),
        (1, Gen.OneOf("", " ", new string('r', Purchase.MaxIdLength + 1))));

    private static readonly Gen<string> Buyer = Gen.Frequency(
        (30, (IGen<string>)Gen.Int[0, 4].Select(i => $"buyer-{i}")),
        (1, Gen.OneOf("", "  ")));

    private static readonly Gen<Step> AnyStep = Gen.Frequency(
        (12, (IGen<Step>)Gen.Select(Buyer, CategoryName, Quantity, RequestId, (b, c, q, r) => (Step)new Buy(b, c, q, r))),
        (3, Gen.Int[0, 1_000].Select(i => (Step)new Repeat(i))),
        (2, Gen.Const((Step)new Query())),
        (1, Gen.Bool.Select(same => (Step)new Create(same))));

    private static readonly Gen<(int Seed, Step[] Steps)> Scenario = Gen.Select(Gen.Int[0, 1_000_000], AnyStep.Array[1, 60]);

    [Fact]
    public void Any_sequence_of_commands_keeps_every_guarantee_after_every_step_and_after_a_restart()
    {
        var outcomes = new ConcurrentDictionary<string, int>();

        Scenario.Sample(sample => Run(sample.Seed, sample.Steps, outcomes), iter: 200);

        // The generator must reach every outcome, or the property says little.
        string[] expected =
        [
            "Purchased", "Replayed", "Availability", "EventAccepted",
            .. Enum.GetNames<RejectionReason>().Except([nameof(RejectionReason.UnknownEvent), nameof(RejectionReason.InvalidEvent), nameof(RejectionReason.Unavailable)]),
        ];
        Assert.Equal(expected.Order(), outcomes.Keys.Order());
    }

    private static void Run(int seed, Step[] steps, ConcurrentDictionary<string, int> outcomes)
    {
        // A small pool of codes comes back often: the box office has to retry to keep every code unique.
        var box = TestBoxOffice.For(TwoCategories, new CollidingTicketCodes(seed, 40));
        var model = new Model(TwoCategories);
        var sent = new List<Purchase>();

        foreach (var step in steps)
        {
            IBoxOfficeCommand command = step switch
            {
                Buy b => new Purchase("E1", b.RequestId, b.Buyer, b.Category, b.Quantity),
                Repeat r when sent.Count > 0 => sent[r.Index % sent.Count],
                Create { Same: true } => new CreateEvent(Event(Category(General, 12, 4, 2_500), Category(Vip, 5, 2, 9_900))),
                Create => new CreateEvent(Event(Category(General, 13, 4, 2_500), Category(Vip, 5, 2, 9_900))),
                _ => new GetAvailability("E1"),
            };
            if (command is Purchase p)
            {
                sent.Add(p);
            }

            var before = StateSnapshot.Of(box.State);
            var decision = box.Send(command);

            CheckAgainstModel(model, command, decision, before, box.State);
            CheckGuarantees(box);
            outcomes.AddOrUpdate(Name(decision), 1, (_, n) => n + 1);
        }
    }

    private static string Name(Decision decision) => decision.Reply switch
    {
        Rejected rejected => rejected.Reason.ToString(),
        Purchased when decision.Events.IsEmpty => "Replayed",
        var reply => reply.GetType().Name,
    };

    private static void CheckAgainstModel(Model model, IBoxOfficeCommand command, Decision decision, StateSnapshot before, BoxOfficeState state)
    {
        switch (command, decision.Reply)
        {
            case (CreateEvent create, EventAccepted):
                Assert.True(create.Definition.SameAs(TwoCategories));
                Assert.Empty(decision.Events);
                break;
            case (CreateEvent create, Rejected { Reason: RejectionReason.EventAlreadyExists }):
                Assert.False(create.Definition.SameAs(TwoCategories));
                break;
            case (GetAvailability, Availability availability):
                Assert.Equal(model.Availability(), availability.Categories.ToArray());
                Assert.Empty(decision.Events);
                break;
            case (Purchase purchase, _):
                var expected = model.Decide(purchase);
                switch (expected, decision.Reply)
                {
                    case (Model.NewOrder order, Purchased purchased):
                        var issued = Assert.IsType<TicketsIssued>(Assert.Single(decision.Events));
                        Assert.Equal(order.Number, purchased.Order.Number);
                        Assert.Equal(Enumerable.Range(order.FirstSerial, purchase.Quantity), purchased.Order.Tickets.Select(t => t.Serial));
                        Assert.Equal(order.Remaining, purchased.Remaining);
                        Assert.Equal(purchased.Order.Tickets.ToArray(), issued.Tickets.ToArray());
                        model.Record(purchase, purchased.Order);
                        break;
                    case (Model.Replayed original, Purchased purchased):
                        Assert.Empty(decision.Events);
                        OrderAssert.Same(original.Order, purchased.Order);
                        Assert.Equal(original.Remaining, purchased.Remaining);
                        break;
                    case (Model.Refused refused, Rejected rejected):
                        Assert.Equal((refused.Reason, refused.Available), (rejected.Reason, rejected.Available));
                        break;
                    default:
                        Assert.Fail($"{purchase}: expected {expected}, got {decision.Reply}");
                        break;
                }
                break;
            default:
                Assert.Fail($"{command}: unexpected reply {decision.Reply}");
                break;
        }
        if (decision.Reply is Rejected)
        {
            Assert.Empty(decision.Events);
            before.AssertSameAs(StateSnapshot.Of(state));
        }
        Assert.Equal(model.Availability(), state.Availability().Categories.ToArray());
    }

    private static void CheckGuarantees(TestBoxOffice box)
    {
        var state = box.State;
        foreach (var category in state.Availability().Categories)
        {
            Assert.Equal(category.Capacity, category.Sold + category.Held + category.Available);
            Assert.True(category.Sold >= 0 && category.Held >= 0 && category.Available >= 0, $"{category}");
        }

        var issued = box.Journal.OfType<TicketsIssued>().SelectMany(e => e.Tickets).ToList();
        Assert.Equal(issued.Count, issued.Select(t => t.Serial).Distinct().Count());
        Assert.Equal(issued.Count, issued.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(issued.Count, state.TicketsByCode.Count);
        Assert.Equal(state.Availability().Sold, state.TicketsByCode.Count);
        Assert.Equal(issued.Count == 0 ? 0 : issued.Max(t => t.Serial), state.LastSerial);
        foreach (var (owner, count) in state.TicketsPerBuyer)
        {
            Assert.InRange(count, 1, state.Stock[owner.Category].Category.Limit);
        }
        Assert.Empty(state.InvariantViolations());

        var restarted = BoxOfficeState.Replay(box.Journal);
        Assert.Equal(state.Availability().Categories.ToArray(), restarted.Availability().Categories.ToArray());
        Assert.Equal(state.LastSerial, restarted.LastSerial);
        Assert.Equal(state.LastOrderNumber, restarted.LastOrderNumber);
        Assert.Equal(state.OrdersByRequestId.Count, restarted.OrdersByRequestId.Count);
        Assert.Equal(state.TicketsPerBuyer.Count, restarted.TicketsPerBuyer.Count);
    }

    private abstract record Step;
    private sealed record Buy(string Buyer, string Category, int Quantity, string RequestId) : Step;
    private sealed record Repeat(int Index) : Step;
    private sealed record Query : Step;
    private sealed record Create(bool Same) : Step;

    /// <summary>What the box office should answer, written the plain way: counters and dictionaries, no shared code.</summary>
    private sealed class Model(EventDefinition definition)
    {
        private readonly Dictionary<string, int> _sold = definition.Categories.ToDictionary(c => c.Name, _ => 0);
        private readonly Dictionary<(string Buyer, string Category), int> _owned = [];
        private readonly Dictionary<string, Order> _orders = [];
        private int _lastSerial;
        private int _lastOrder;

        public abstract record Outcome;
        public sealed record NewOrder(int Number, int FirstSerial, int Remaining) : Outcome;
        public sealed record Replayed(Order Order, int Remaining) : Outcome;
        public sealed record Refused(RejectionReason Reason, int? Available = null) : Outcome;

        public Outcome Decide(Purchase p)
        {
            if (p.Quantity < 1)
            {
                return new Refused(RejectionReason.InvalidQuantity);
            }
            if (string.IsNullOrWhiteSpace(p.RequestId) || p.RequestId.Length > Purchase.MaxIdLength ||
                string.IsNullOrWhiteSpace(p.BuyerId) || p.BuyerId.Length > Purchase.MaxIdLength)
            {
                return new Refused(RejectionReason.InvalidRequest);
            }
            if (_orders.TryGetValue(p.RequestId, out var original))
            {
                return original.BuyerId == p.BuyerId && original.Category == p.Category && original.Quantity == p.Quantity
                    ? new Replayed(original, Available(original.Category))
                    : new Refused(RejectionReason.RequestIdConflict);
            }
            if (definition.Category(p.Category) is not { } category)
            {
                return new Refused(RejectionReason.UnknownCategory);
            }
            if ((long)_owned.GetValueOrDefault((p.BuyerId, p.Category)) + p.Quantity > category.Limit)
            {
                return new Refused(RejectionReason.LimitExceeded);
            }
            var available = Available(p.Category);
            if (available == 0)
            {
                return new Refused(RejectionReason.SoldOut, 0);
            }
            return p.Quantity > available
                ? new Refused(RejectionReason.InsufficientTickets, available)
                : new NewOrder(_lastOrder + 1, _lastSerial + 1, available - p.Quantity);
        }

        public void Record(Purchase p, Order order)
        {
            _sold[p.Category] += p.Quantity;
            _owned[(p.BuyerId, p.Category)] = _owned.GetValueOrDefault((p.BuyerId, p.Category)) + p.Quantity;
            _orders.Add(p.RequestId, order);
            _lastSerial += p.Quantity;
            _lastOrder++;
        }

        public CategoryAvailability[] Availability() =>
            [.. definition.Categories.Select(c => new CategoryAvailability(c.Name, c.Capacity, _sold[c.Name], 0, Available(c.Name)))];

        private int Available(string category) => definition.Category(category)!.Capacity - _sold[category];
    }
}
