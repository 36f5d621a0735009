using System.Collections.Concurrent;
using System.Text.Json;
using CsCheck;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using TicketActors.Domain.Tickets;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.PropertyBased;

/// <summary>
/// Random command sequences against an event with two categories (general: 12, limit 4; vip: 3, limit 2): purchases,
/// holds, confirms, releases, expiries as time moves on, cancels, check-ins, capacity changes and an early close.
/// After every step the reply and the state are checked against a small reference model, the guarantees must hold,
/// and a restart (replaying the journal) and a snapshot must give the same state and decide the next command the same
/// way. Quantities near int.MaxValue are left to the dedicated overflow specs.
/// </summary>
public sealed class BoxOfficePropertySpec
{
    private static readonly EventDefinition TwoCategories =
        Event(Category(General, 12, 4, 2_500), Category(Vip, 3, 2, 9_900));

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

    private static readonly Gen<TimeSpan> Ttl = Gen.Frequency(
        (12, (IGen<TimeSpan>)Gen.Int[1, 180].Select(s => TimeSpan.FromSeconds(s))),
        (1, Gen.OneOf(TimeSpan.Zero, TimeSpan.FromSeconds(-5), TimeSpan.FromHours(2))));

    private static readonly Gen<int> Pick = Gen.Int[0, 1_000];

    // The early close has a small weight: a run that closes early refuses every later sale, so most runs must not.
    private static readonly Gen<Step> AnyStep = Gen.Frequency(
        (24, (IGen<Step>)Gen.Select(Buyer, CategoryName, Quantity, RequestId, (b, c, q, r) => (Step)new Buy(b, c, q, r))),
        (6, Pick.Select(i => (Step)new Repeat(i))),
        (3, Gen.Const((Step)new Query())),
        (2, Gen.Bool.Select(same => (Step)new Create(same))),
        (16, Gen.Select(Buyer, CategoryName, Quantity, RequestId, Ttl, (b, c, q, r, t) => (Step)new PlaceHold(b, c, q, r, t))),
        (10, Gen.Select(Pick, Gen.Int[0, 9], (i, k) => (Step)new ConfirmHold(i, k))),
        (6, Gen.Select(Pick, Gen.Int[0, 9], (i, k) => (Step)new ReleaseHold(i, k))),
        (8, Gen.Int[1, 120].Select(s => (Step)new Advance(TimeSpan.FromSeconds(s)))),
        (6, Gen.Frequency((8, (IGen<int>)Gen.Int[1, 3]), (1, Gen.Const(0))).Select(limit => (Step)new Expire(limit))),
        (8, Gen.Select(Pick, Gen.Int[0, 9], Gen.Int[0, 9], (i, who, which) => (Step)new CancelOrder(i, who, which))),
        (8, Gen.Select(Pick, Gen.Int[0, 9], (i, k) => (Step)new CheckInTicket(i, k))),
        (3, Gen.Select(CategoryName, Gen.Int[-1, 16], (c, n) => (Step)new ChangeCap(c, n))),
        (1, Gen.Const((Step)new Close())));

    private static readonly Gen<(int Seed, Step[] Steps)> Scenario = Gen.Select(Gen.Int[0, 1_000_000], AnyStep.Array[1, 60]);

    [Fact]
    public void Any_sequence_of_commands_keeps_every_guarantee_after_every_step_and_after_a_restart()
    {
        var outcomes = new ConcurrentDictionary<string, int>();

        Scenario.Sample(sample => Run(sample.Seed, sample.Steps, outcomes), iter: 200);

        // The generator must reach every outcome, or the property says little.
        string[] expected =
        [
            "Purchased", "Replayed", "Availability", "EventAccepted", "HoldPlaced", "HoldReplayed", "Confirmed", "ConfirmReplayed",
            "Released", "ReleaseReplayed", "HoldsExpired", "NothingExpired", "Cancelled", "CheckedIn", "SalesEnded", "CapacityUpdated",
            .. Enum.GetNames<RejectionReason>().Except([nameof(RejectionReason.UnknownEvent), nameof(RejectionReason.Unavailable)]),
        ];
        Assert.Equal(expected.Order(), outcomes.Keys.Order());
    }

    private static void Run(int seed, Step[] steps, ConcurrentDictionary<string, int> outcomes)
    {
        // A small pool of codes comes back often: the box office has to retry to keep every code (and hold id) unique.
        var codes = new RecordingCodes(new CollidingTicketCodes(seed, 40));
        var box = TestBoxOffice.For(TwoCategories, codes);
        var model = new Model(TwoCategories, box.Clock);
        var sent = new List<IBoxOfficeCommand>();
        codes.Take();
        var (replayed, restored) = (BoxOfficeState.Replay(box.Journal), BoxOfficeState.FromSnapshot(box.State.ToSnapshot()));

        foreach (var step in steps)
        {
            if (step is Advance advance)
            {
                box.Advance(advance.By);
                model.Now = box.Clock;
                continue;
            }
            var command = ToCommand(step, box, model, sent);
            if (command is Purchase or Hold)
            {
                sent.Add(command);
            }

            var before = StateSnapshot.Of(box.State);
            var decision = box.Send(command);
            var drawn = codes.Take();

            outcomes.AddOrUpdate(model.Check(command, decision), 1, (_, n) => n + 1);
            if (decision.Reply is Rejected)
            {
                Assert.Empty(decision.Events);
                before.AssertSameAs(StateSnapshot.Of(box.State));
            }
            AssertSameDecision(decision, replayed.Decide(command, box.Context with { Codes = new ScriptedTicketCodes(drawn) }));
            AssertSameDecision(decision, restored.Decide(command, box.Context with { Codes = new ScriptedTicketCodes(drawn) }));
            (replayed, restored) = CheckGuarantees(box, model);
        }
    }

    private static IBoxOfficeCommand ToCommand(Step step, TestBoxOffice box, Model model, List<IBoxOfficeCommand> sent) => step switch
    {
        Buy b => new Purchase("E1", b.RequestId, b.Buyer, b.Category, b.Quantity),
        Repeat r when sent.Count > 0 => sent[r.Index % sent.Count],
        Create { Same: true } => new CreateEvent(Event(Category(General, 12, 4, 2_500), Category(Vip, 3, 2, 9_900))),
        Create => new CreateEvent(Event(Category(General, 13, 4, 2_500), Category(Vip, 3, 2, 9_900))),
        PlaceHold h => new Hold("E1", h.RequestId, h.Buyer, h.Category, h.Quantity, h.Ttl),
        ConfirmHold c => new Confirm("E1", model.HoldIdFor(c.Index, c.Kind)),
        ReleaseHold r => new Release("E1", model.HoldIdFor(r.Index, r.Kind)),
        Expire x => new ExpireHolds("E1", x.Limit),
        CancelOrder c => model.CancelFor(c),
        CheckInTicket t => new CheckIn("E1", model.CodeFor(t.Index, t.Kind)),
        ChangeCap c => new ChangeCapacity("E1", c.Category, c.Capacity),
        Close => new CloseSales("E1"),
        _ => new GetAvailability(box.EventId),
    };

    /// <summary>Replies and events compared as JSON: records compare their arrays by reference.</summary>
    private static void AssertSameDecision(Decision expected, Decision actual)
    {
        Assert.Equal(Json(expected.Reply), Json(actual.Reply));
        Assert.Equal(expected.Events.Select(Json), actual.Events.Select(Json));

        static string Json(object value) => JsonSerializer.Serialize(value, value.GetType());
    }

    /// <summary>Checks the state after a step; returns it restarted and restored, to decide the next step with.</summary>
    private static (BoxOfficeState Replayed, BoxOfficeState Restored) CheckGuarantees(TestBoxOffice box, Model model)
    {
        var state = box.State;
        Assert.Equal(model.Availability(), state.Availability().Categories.ToArray());
        Assert.Equal(model.NextHoldExpiry(), state.NextHoldExpiry);
        foreach (var category in state.Availability().Categories)
        {
            Assert.Equal(category.Capacity, category.Sold + category.Held + category.Available);
            Assert.True(category.Sold >= 0 && category.Held >= 0 && category.Available >= 0, $"{category}");
            Assert.InRange(category.CheckedIn, 0, category.Sold);
        }

        var issued = box.Journal.SelectMany(e => e switch
        {
            TicketsIssued sale => sale.Tickets,
            HoldConfirmed confirmed => confirmed.Tickets,
            _ => [],
        }).ToList();
        Assert.Equal(issued.Count, issued.Select(t => t.Serial).Distinct().Count());
        Assert.Equal(issued.Count, issued.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(issued.Count, state.TicketsByCode.Count);
        Assert.Equal(state.Availability().Sold, state.TicketsByCode.Count - state.CancelledSerials.Count);
        Assert.Equal(issued.Count == 0 ? 0 : issued.Max(t => t.Serial), state.LastSerial);
        foreach (var (owner, count) in state.TicketsPerBuyer)
        {
            Assert.InRange(count, 1, state.Stock[owner.Category].Category.Limit);
        }
        var holdEnds = box.Journal.Select(e => e switch
        {
            HoldConfirmed c => c.HoldId,
            HoldReleased r => r.HoldId,
            HoldExpired x => x.HoldId,
            _ => null,
        }).OfType<string>().ToList();
        Assert.Equal(holdEnds.Count, holdEnds.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(state.InvariantViolations());

        var replayed = BoxOfficeState.Replay(box.Journal);
        var restored = BoxOfficeState.FromSnapshot(state.ToSnapshot());
        var now = StateSnapshot.Of(state);
        now.AssertEquivalentTo(StateSnapshot.Of(replayed));
        now.AssertSameAs(StateSnapshot.Of(restored));
        return (replayed, restored);
    }

    private abstract record Step;
    private sealed record Buy(string Buyer, string Category, int Quantity, string RequestId) : Step;
    private sealed record Repeat(int Index) : Step;
    private sealed record Query : Step;
    private sealed record Create(bool Same) : Step;
    private sealed record PlaceHold(string Buyer, string Category, int Quantity, string RequestId, TimeSpan Ttl) : Step;
    private sealed record ConfirmHold(int Index, int Kind) : Step;
    private sealed record ReleaseHold(int Index, int Kind) : Step;
    private sealed record Advance(TimeSpan By) : Step;
    private sealed record Expire(int Limit) : Step;
    private sealed record CancelOrder(int Index, int Who, int Which) : Step;
    private sealed record CheckInTicket(int Index, int Kind) : Step;
    private sealed record ChangeCap(string Category, int Capacity) : Step;
    private sealed record Close : Step;

    /// <summary>Passes codes through and remembers them, so a restarted state can be given the very same codes.</summary>
    private sealed class RecordingCodes(ITicketCodeGenerator inner) : ITicketCodeGenerator
    {
        private readonly List<string> _drawn = [];

        public string NewCode()
        {
            var code = inner.NewCode();
            _drawn.Add(code);
            return code;
        }

        public string[] Take()
        {
            var drawn = _drawn.ToArray();
            _drawn.Clear();
            return drawn;
        }
    }

    /// <summary>
    /// What the box office should answer, written the plain way: counters, lists and dictionaries, no shared code.
    /// <see cref="Check"/> asserts the decision against it, then records what was accepted.
    /// </summary>
    private sealed class Model(EventDefinition definition, DateTimeOffset now)
    {
        private readonly Dictionary<string, int> _capacity = definition.Categories.ToDictionary(c => c.Name, c => c.Capacity);
        private readonly Dictionary<string, int> _sold = definition.Categories.ToDictionary(c => c.Name, _ => 0);
        private readonly Dictionary<string, int> _held = definition.Categories.ToDictionary(c => c.Name, _ => 0);
        private readonly Dictionary<string, int> _checkedIn = definition.Categories.ToDictionary(c => c.Name, _ => 0);
        private readonly Dictionary<(string Buyer, string Category), int> _owned = [];
        private readonly Dictionary<string, Order> _purchases = [];
        private readonly List<Order> _orders = [];
        private readonly List<ModelHold> _holds = [];
        private readonly List<Ticket> _tickets = [];
        private readonly HashSet<int> _cancelled = [];
        private readonly Dictionary<int, DateTimeOffset> _checkIns = [];
        private DateTimeOffset? _closedAt;

        public DateTimeOffset Now { get; set; } = now;

        public string HoldIdFor(int index, int kind) =>
            kind == 0 ? "" : kind == 1 || _holds.Count == 0 ? "h-nope" : _holds[index % _holds.Count].Id;

        public string CodeFor(int index, int kind) =>
            kind == 0 ? "" : kind == 1 || _tickets.Count == 0 ? "no-such-code" : _tickets[index % _tickets.Count].Code;

        public Cancel CancelFor(CancelOrder step)
        {
            if (_orders.Count == 0)
            {
                return new Cancel("E1", "buyer-0", 1 + step.Index % 3);
            }
            var order = _orders[step.Index % _orders.Count];
            var buyer = step.Who switch { 0 => "intruder", 1 => "", _ => order.BuyerId };
            var serials = order.Tickets.Select(t => t.Serial).ToArray();
            IReadOnlyList<int>? named = step.Which switch
            {
                0 => [],
                1 => [serials[0], serials[0]],
                2 => [_tickets.Count + 7],
                3 or 4 => [serials[step.Index % serials.Length]],
                5 => [serials[^1], serials[0]],
                _ => null,
            };
            return new Cancel("E1", buyer, step.Which == 9 ? 99 : order.Number, named);
        }

        public CategoryAvailability[] Availability() =>
            [.. definition.Categories.Select(c => new CategoryAvailability(c.Name, _capacity[c.Name], _sold[c.Name], _held[c.Name], Available(c.Name), _checkedIn[c.Name]))];

        public DateTimeOffset? NextHoldExpiry() =>
            _holds.Where(h => h.Status == HoldStatus.Live).Select(h => (DateTimeOffset?)h.ExpiresAt).Min();

        /// <summary>Asserts the decision is the expected one, records it, and names the outcome.</summary>
        public string Check(IBoxOfficeCommand command, Decision decision)
        {
            var expected = command switch
            {
                CreateEvent create => create.Definition.SameAs(definition) ? null : Refuse(RejectionReason.EventAlreadyExists),
                GetAvailability => null,
                Purchase purchase => Decide(purchase),
                Hold hold => Decide(hold),
                Confirm confirm => DecideConfirm(confirm),
                Release release => DecideRelease(release),
                ExpireHolds expire => expire.Limit < 1 ? Refuse(RejectionReason.InvalidRequest) : null,
                Cancel cancel => DecideCancel(cancel),
                CheckIn checkIn => DecideCheckIn(checkIn),
                ChangeCapacity change => DecideCapacity(change),
                CloseSales => null,
                _ => throw new ArgumentOutOfRangeException(nameof(command)),
            };
            if (expected is not null)
            {
                var rejected = Assert.IsType<Rejected>(decision.Reply);
                Assert.Equal(expected, (rejected.Reason, rejected.Available, rejected.CheckedInAt));
                return rejected.Reason.ToString();
            }
            return command switch
            {
                CreateEvent => Accepted<EventAccepted>(decision, "EventAccepted"),
                GetAvailability => Assert.IsType<Availability>(decision.Reply).Categories.SequenceEqual(Availability()) ? "Availability" : "wrong availability",
                Purchase purchase => RecordPurchase(purchase, decision),
                Hold hold => RecordHold(hold, decision),
                Confirm confirm => RecordConfirm(confirm, decision),
                Release release => RecordRelease(release, decision),
                ExpireHolds expire => RecordExpiry(expire, decision),
                Cancel cancel => RecordCancel(cancel, decision),
                CheckIn checkIn => RecordCheckIn(checkIn, decision),
                ChangeCapacity change => RecordCapacity(change, decision),
                _ => RecordClose(decision),
            };
        }

        private static (RejectionReason, int?, DateTimeOffset?) Refuse(RejectionReason reason, int? available = null, DateTimeOffset? checkedInAt = null) =>
            (reason, available, checkedInAt);

        private static bool BadId(string id) => string.IsNullOrWhiteSpace(id) || id.Length > Purchase.MaxIdLength;

        private int Available(string category) => _capacity[category] - _sold[category] - _held[category];

        private ModelHold? HoldOf(string id) => _holds.Find(h => h.Id == id);

        private (RejectionReason, int?, DateTimeOffset?)? Decide(Purchase p)
        {
            if (p.Quantity < 1)
            {
                return Refuse(RejectionReason.InvalidQuantity);
            }
            if (BadId(p.RequestId) || BadId(p.BuyerId))
            {
                return Refuse(RejectionReason.InvalidRequest);
            }
            if (_purchases.TryGetValue(p.RequestId, out var original))
            {
                return original.BuyerId == p.BuyerId && original.Category == p.Category && original.Quantity == p.Quantity
                    ? null
                    : Refuse(RejectionReason.RequestIdConflict);
            }
            return _holds.Any(h => h.RequestId == p.RequestId) ? Refuse(RejectionReason.RequestIdConflict) : SaleProblem(p.BuyerId, p.Category, p.Quantity);
        }

        private (RejectionReason, int?, DateTimeOffset?)? Decide(Hold h)
        {
            if (h.Quantity < 1)
            {
                return Refuse(RejectionReason.InvalidQuantity);
            }
            if (BadId(h.RequestId) || BadId(h.BuyerId))
            {
                return Refuse(RejectionReason.InvalidRequest);
            }
            if (h.Ttl <= TimeSpan.Zero || h.Ttl > TimeSpan.FromHours(1))
            {
                return Refuse(RejectionReason.InvalidTtl);
            }
            if (_holds.Find(x => x.RequestId == h.RequestId) is { } original)
            {
                return original.Buyer == h.BuyerId && original.Category == h.Category && original.Quantity == h.Quantity && original.ExpiresAt - original.HeldAt == h.Ttl
                    ? null
                    : Refuse(RejectionReason.RequestIdConflict);
            }
            return _purchases.ContainsKey(h.RequestId) ? Refuse(RejectionReason.RequestIdConflict) : SaleProblem(h.BuyerId, h.Category, h.Quantity);
        }

        private (RejectionReason, int?, DateTimeOffset?)? SaleProblem(string buyer, string category, int quantity)
        {
            if (_closedAt is not null)
            {
                return Refuse(RejectionReason.SalesClosed);
            }
            if (definition.Category(category) is not { } defined)
            {
                return Refuse(RejectionReason.UnknownCategory);
            }
            if ((long)_owned.GetValueOrDefault((buyer, category)) + quantity > defined.Limit)
            {
                return Refuse(RejectionReason.LimitExceeded);
            }
            var available = Available(category);
            if (available == 0)
            {
                return Refuse(RejectionReason.SoldOut, 0);
            }
            return quantity > available ? Refuse(RejectionReason.InsufficientTickets, available) : null;
        }

        private (RejectionReason, int?, DateTimeOffset?)? DecideConfirm(Confirm c)
        {
            if (BadId(c.HoldId))
            {
                return Refuse(RejectionReason.InvalidRequest);
            }
            return HoldOf(c.HoldId) switch
            {
                null => Refuse(RejectionReason.HoldNotFound),
                { Status: HoldStatus.Released } => Refuse(RejectionReason.HoldReleased),
                { Status: HoldStatus.Expired } => Refuse(RejectionReason.HoldExpired),
                { Status: HoldStatus.Live } live when Now >= live.ExpiresAt => Refuse(RejectionReason.HoldExpired),
                _ => null,
            };
        }

        private (RejectionReason, int?, DateTimeOffset?)? DecideRelease(Release r)
        {
            if (BadId(r.HoldId))
            {
                return Refuse(RejectionReason.InvalidRequest);
            }
            return HoldOf(r.HoldId) switch
            {
                null => Refuse(RejectionReason.HoldNotFound),
                { Status: HoldStatus.Confirmed } => Refuse(RejectionReason.HoldAlreadyConfirmed),
                _ => null,
            };
        }

        private (RejectionReason, int?, DateTimeOffset?)? DecideCancel(Cancel c)
        {
            if (BadId(c.BuyerId) || c.Serials is { Count: 0 } || (c.Serials is { } named && named.Distinct().Count() != named.Count))
            {
                return Refuse(RejectionReason.InvalidRequest);
            }
            if (_orders.Find(o => o.Number == c.OrderNumber) is not { } order)
            {
                return Refuse(RejectionReason.UnknownOrder);
            }
            if (order.BuyerId != c.BuyerId)
            {
                return Refuse(RejectionReason.NotOrderOwner);
            }
            var serials = order.Tickets.Select(t => t.Serial).ToList();
            if (c.Serials is null)
            {
                if (serials.All(_cancelled.Contains))
                {
                    return Refuse(RejectionReason.AlreadyCancelled);
                }
            }
            else
            {
                foreach (var serial in c.Serials)
                {
                    if (!serials.Contains(serial))
                    {
                        return Refuse(RejectionReason.UnknownTicket);
                    }
                    if (_cancelled.Contains(serial))
                    {
                        return Refuse(RejectionReason.AlreadyCancelled);
                    }
                }
            }
            var chosen = (c.Serials ?? serials.Where(s => !_cancelled.Contains(s)).ToList()).Order().ToList();
            return chosen.Find(_checkIns.ContainsKey) is var admitted and > 0
                ? Refuse(RejectionReason.AlreadyCheckedIn, checkedInAt: _checkIns[admitted])
                : null;
        }

        private (RejectionReason, int?, DateTimeOffset?)? DecideCheckIn(CheckIn c)
        {
            if (BadId(c.Code))
            {
                return Refuse(RejectionReason.InvalidRequest);
            }
            if (_tickets.Find(t => t.Code == c.Code) is not { } ticket)
            {
                return Refuse(RejectionReason.UnknownTicket);
            }
            if (_cancelled.Contains(ticket.Serial))
            {
                return Refuse(RejectionReason.TicketCancelled);
            }
            return _checkIns.TryGetValue(ticket.Serial, out var at) ? Refuse(RejectionReason.AlreadyCheckedIn, checkedInAt: at) : null;
        }

        private (RejectionReason, int?, DateTimeOffset?)? DecideCapacity(ChangeCapacity c)
        {
            if (!_capacity.ContainsKey(c.Category))
            {
                return Refuse(RejectionReason.UnknownCategory);
            }
            if (c.Capacity < 1)
            {
                return Refuse(RejectionReason.InvalidEvent);
            }
            return c.Capacity < _sold[c.Category] + _held[c.Category] ? Refuse(RejectionReason.CapacityBelowSold) : null;
        }

        private static string Accepted<T>(Decision decision, string name)
        {
            Assert.IsType<T>(decision.Reply);
            Assert.Empty(decision.Events);
            return name;
        }

        private string RecordPurchase(Purchase p, Decision decision)
        {
            var purchased = Assert.IsType<Purchased>(decision.Reply);
            if (_purchases.TryGetValue(p.RequestId, out var original))
            {
                Assert.Empty(decision.Events);
                OrderAssert.Same(original, purchased.Order);
                Assert.Equal(Available(original.Category), purchased.Remaining);
                return "Replayed";
            }
            var issued = Assert.IsType<TicketsIssued>(Assert.Single(decision.Events));
            AssertNewOrder(purchased.Order, p.RequestId, p.BuyerId, p.Category, p.Quantity);
            Assert.Equal(purchased.Order.Tickets.ToArray(), issued.Tickets.ToArray());
            Assert.Equal(Available(p.Category) - p.Quantity, purchased.Remaining);
            _purchases.Add(p.RequestId, purchased.Order);
            AddOrder(purchased.Order);
            _owned[(p.BuyerId, p.Category)] = _owned.GetValueOrDefault((p.BuyerId, p.Category)) + p.Quantity;
            return "Purchased";
        }

        private void AssertNewOrder(Order order, string requestId, string buyer, string category, int quantity)
        {
            var firstSerial = _tickets.Count + 1;
            OrderAssert.Same(new Order(_orders.Count + 1, requestId, buyer, category,
                [.. Enumerable.Range(firstSerial, quantity).Select((serial, i) => new Ticket(serial, order.Tickets[i].Code, category))], Now), order);
            Assert.DoesNotContain(order.Tickets, t => _tickets.Any(old => old.Code == t.Code));
        }

        private void AddOrder(Order order)
        {
            _orders.Add(order);
            _tickets.AddRange(order.Tickets);
            _sold[order.Category] += order.Quantity;
        }

        private string RecordHold(Hold h, Decision decision)
        {
            var placed = Assert.IsType<HoldPlaced>(decision.Reply);
            if (_holds.Find(x => x.RequestId == h.RequestId) is { } original)
            {
                Assert.Empty(decision.Events);
                Assert.Equal(new HoldPlaced("E1", original.Id, original.Category, original.Quantity, original.ExpiresAt, Available(original.Category)), placed);
                return "HoldReplayed";
            }
            Assert.Equal(new TicketsHeld(placed.HoldId, h.RequestId, h.BuyerId, h.Category, h.Quantity, Now, Now + h.Ttl), Assert.Single(decision.Events));
            Assert.Equal(new HoldPlaced("E1", placed.HoldId, h.Category, h.Quantity, Now + h.Ttl, Available(h.Category) - h.Quantity), placed);
            Assert.DoesNotContain(_holds, x => x.Id == placed.HoldId);
            _holds.Add(new ModelHold(placed.HoldId, h.RequestId, h.BuyerId, h.Category, h.Quantity, Now, Now + h.Ttl));
            _held[h.Category] += h.Quantity;
            _owned[(h.BuyerId, h.Category)] = _owned.GetValueOrDefault((h.BuyerId, h.Category)) + h.Quantity;
            return "HoldPlaced";
        }

        private string RecordConfirm(Confirm c, Decision decision)
        {
            var hold = HoldOf(c.HoldId)!;
            var purchased = Assert.IsType<Purchased>(decision.Reply);
            Assert.Equal(Available(hold.Category), purchased.Remaining);
            if (hold.Status == HoldStatus.Confirmed)
            {
                Assert.Empty(decision.Events);
                OrderAssert.Same(hold.Order!, purchased.Order);
                return "ConfirmReplayed";
            }
            var confirmed = Assert.IsType<HoldConfirmed>(Assert.Single(decision.Events));
            AssertNewOrder(purchased.Order, hold.RequestId, hold.Buyer, hold.Category, hold.Quantity);
            Assert.Equal((hold.Id, purchased.Order.Number, hold.Category, Now), (confirmed.HoldId, confirmed.OrderNumber, confirmed.Category, confirmed.ConfirmedAt));
            Assert.Equal(purchased.Order.Tickets.ToArray(), confirmed.Tickets.ToArray());
            hold.Status = HoldStatus.Confirmed;
            hold.Order = purchased.Order;
            _held[hold.Category] -= hold.Quantity;
            AddOrder(purchased.Order);
            return "Confirmed";
        }

        private string RecordRelease(Release r, Decision decision)
        {
            var hold = HoldOf(r.HoldId)!;
            if (hold.Status != HoldStatus.Live)
            {
                Assert.Empty(decision.Events);
                Assert.Equal(new Released("E1", hold.Id, Available(hold.Category)), decision.Reply);
                return "ReleaseReplayed";
            }
            Assert.Equal(new HoldReleased(hold.Id, Now), Assert.Single(decision.Events));
            End(hold, HoldStatus.Released);
            Assert.Equal(new Released("E1", hold.Id, Available(hold.Category)), decision.Reply);
            return "Released";
        }

        private string RecordExpiry(ExpireHolds expire, Decision decision)
        {
            var due = _holds.Where(h => h.Status == HoldStatus.Live).OrderBy(h => h.ExpiresAt).ThenBy(h => h.Id, StringComparer.Ordinal).ToList();
            var expiring = due.TakeWhile(h => h.ExpiresAt <= Now).Take(expire.Limit).ToList();
            Assert.Equal(expiring.Select(h => new HoldExpired(h.Id, Now)), decision.Events.Cast<HoldExpired>());
            Assert.Equal(new HoldsExpired("E1", expiring.Count, due.Skip(expiring.Count).Select(h => (DateTimeOffset?)h.ExpiresAt).FirstOrDefault()), decision.Reply);
            expiring.ForEach(h => End(h, HoldStatus.Expired));
            return expiring.Count > 0 ? "HoldsExpired" : "NothingExpired";
        }

        private void End(ModelHold hold, HoldStatus status)
        {
            hold.Status = status;
            _held[hold.Category] -= hold.Quantity;
            Take(hold.Buyer, hold.Category, hold.Quantity);
        }

        private void Take(string buyer, string category, int count)
        {
            _owned[(buyer, category)] -= count;
            if (_owned[(buyer, category)] == 0)
            {
                _owned.Remove((buyer, category));
            }
        }

        private string RecordCancel(Cancel c, Decision decision)
        {
            var order = _orders.Find(o => o.Number == c.OrderNumber)!;
            var serials = (c.Serials ?? order.Tickets.Select(t => t.Serial).Where(s => !_cancelled.Contains(s)).ToList()).Order().ToArray();
            var stored = Assert.IsType<TicketsCancelled>(Assert.Single(decision.Events));
            Assert.Equal((order.Number, Now), (stored.OrderNumber, stored.At));
            Assert.Equal(serials, stored.Serials.ToArray());
            _cancelled.UnionWith(serials);
            _sold[order.Category] -= serials.Length;
            Take(order.BuyerId, order.Category, serials.Length);
            var cancelled = Assert.IsType<Cancelled>(decision.Reply);
            Assert.Equal(("E1", order.Number, Available(order.Category)), (cancelled.EventId, cancelled.OrderNumber, cancelled.Remaining));
            Assert.Equal(serials, cancelled.Serials.ToArray());
            return "Cancelled";
        }

        private string RecordCheckIn(CheckIn c, Decision decision)
        {
            var ticket = _tickets.Find(t => t.Code == c.Code)!;
            Assert.Equal(new CheckedIn("E1", ticket.Serial, ticket.Category, Now), decision.Reply);
            Assert.Equal(new TicketCheckedIn(ticket.Serial, ticket.Code, Now), Assert.Single(decision.Events));
            _checkIns.Add(ticket.Serial, Now);
            _checkedIn[ticket.Category]++;
            return "CheckedIn";
        }

        private string RecordCapacity(ChangeCapacity c, Decision decision)
        {
            var changed = c.Capacity != _capacity[c.Category];
            Assert.Equal(changed ? [new CapacityChanged(c.Category, c.Capacity, Now)] : [], decision.Events.ToArray());
            _capacity[c.Category] = c.Capacity;
            Assert.Equal(new CapacityUpdated("E1", Availability().Single(a => a.Category == c.Category)), decision.Reply);
            return "CapacityUpdated";
        }

        private string RecordClose(Decision decision)
        {
            Assert.Equal(_closedAt is null ? [new SalesClosed(Now)] : [], decision.Events.ToArray());
            _closedAt ??= Now;
            Assert.Equal(new SalesEnded("E1", _closedAt.Value), decision.Reply);
            return "SalesEnded";
        }

        private sealed class ModelHold(string id, string requestId, string buyer, string category, int quantity, DateTimeOffset heldAt, DateTimeOffset expiresAt)
        {
            public string Id { get; } = id;
            public string RequestId { get; } = requestId;
            public string Buyer { get; } = buyer;
            public string Category { get; } = category;
            public int Quantity { get; } = quantity;
            public DateTimeOffset HeldAt { get; } = heldAt;
            public DateTimeOffset ExpiresAt { get; } = expiresAt;
            public HoldStatus Status { get; set; } = HoldStatus.Live;
            public Order? Order { get; set; }
        }
    }
}
