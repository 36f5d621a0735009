using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Catalog;
using TicketActors.Domain.Tests.Support;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.BoxOffice;

public sealed class CreateEventSpec
{
    [Fact]
    public void CreateEvent_is_accepted_with_one_EventCreated_stamped_with_the_decision_time()
    {
        var state = new BoxOfficeState();
        var definition = GeneralAndVip();
        var context = new DecisionContext(TestBoxOffice.Now, new SequentialTicketCodes());

        var decision = state.Decide(new CreateEvent(definition), context);

        Assert.Equal(new EventAccepted("E1"), decision.Reply);
        Assert.True(decision.IsAccepted);
        var created = Assert.IsType<EventCreated>(Assert.Single(decision.Events));
        Assert.Same(definition, created.Definition);
        Assert.Equal(TestBoxOffice.Now, created.CreatedAt);
        Assert.Null(state.Event);
        Assert.Empty(state.Stock);
    }

    [Fact]
    public void A_created_event_has_every_category_available_in_definition_order_and_nothing_sold()
    {
        var box = TestBoxOffice.For(GeneralAndVip());

        var availability = Assert.IsType<Availability>(box.Send(new GetAvailability("E1")).Reply);

        Assert.Equal("E1", availability.EventId);
        Assert.Equal(
            [new CategoryAvailability(General, 10, 0, 0, 10), new CategoryAvailability(Vip, 4, 0, 0, 4)],
            availability.Categories.ToArray());
        Assert.Equal((14, 0, 0, 14), (availability.Capacity, availability.Sold, availability.Held, availability.Available));
        Assert.Equal(0, box.State.LastSerial);
        Assert.Equal(0, box.State.LastOrderNumber);
        Assert.Empty(box.State.OrdersByRequestId);
        Assert.Empty(box.State.TicketsByCode);
        Assert.Single(box.Journal);
    }

    [Fact]
    public void CreateEvent_again_with_an_equal_definition_is_accepted_and_stores_nothing()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 2);
        var before = StateSnapshot.Of(box.State);

        // Another instance with equal values, as a retried HTTP request would deserialize it.
        var decision = box.State.Decide(new CreateEvent(GeneralAndVip()), box.Context);

        Assert.Equal(new EventAccepted("E1"), decision.Reply);
        Assert.True(decision.IsAccepted);
        Assert.Empty(decision.Events);
        before.AssertSameAs(StateSnapshot.Of(box.State));
    }

    [Theory]
    [InlineData("another name", "name 'Flash sale', not 'Another flash sale'")]
    [InlineData("another start", "starts at 2026-06-01T20:00:00.0000000+00:00, not 2026-06-01T21:00:00.0000000+00:00")]
    [InlineData("another capacity", "category 'general' has capacity 10, limit 4, price 2500 EUR; asked for capacity 11, limit 4, price 2500 EUR")]
    [InlineData("another limit", "category 'general' has capacity 10, limit 4, price 2500 EUR; asked for capacity 10, limit 5, price 2500 EUR")]
    [InlineData("another price", "category 'general' has capacity 10, limit 4, price 2500 EUR; asked for capacity 10, limit 4, price 2600 EUR")]
    [InlineData("another currency", "category 'general' has capacity 10, limit 4, price 2500 EUR; asked for capacity 10, limit 4, price 2500 USD")]
    [InlineData("a category more", "category 'balcony' is new")]
    [InlineData("a category less", "category 'vip' is missing")]
    [InlineData("an invalid definition", "category 'general' has capacity 10, limit 4, price 2500 EUR; asked for capacity 0, limit 1, price 2500 EUR; category 'vip' is missing")]
    public void CreateEvent_with_another_definition_for_an_existing_event_is_rejected_with_EventAlreadyExists_naming_the_difference(string change, string difference)
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        box.Buy("alice", 1);
        var original = GeneralAndVip();
        var changed = change switch
        {
            "another name" => original with { Name = "Another flash sale" },
            "another start" => original with { StartsAt = original.StartsAt.AddHours(1) },
            "another capacity" => Event(Category(General, 11, 4, 2_500), Category(Vip, 4, 2, 9_900)),
            "another limit" => Event(Category(General, 10, 5, 2_500), Category(Vip, 4, 2, 9_900)),
            "another price" => Event(Category(General, 10, 4, 2_600), Category(Vip, 4, 2, 9_900)),
            "another currency" => Event(Category(General, 10, 4, 2_500, "USD"), Category(Vip, 4, 2, 9_900)),
            "a category more" => Event(Category(General, 10, 4, 2_500), Category(Vip, 4, 2, 9_900), Category("balcony", 3, 1)),
            "a category less" => Event(Category(General, 10, 4, 2_500)),
            "an invalid definition" => Event(Category(General, 0, 1, 2_500)),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var rejected = box.Refuse(new CreateEvent(changed), RejectionReason.EventAlreadyExists);

        Assert.True(box.State.Event!.SameAs(original));
        Assert.Equal($"event '{original.Id}' already exists with another definition: {difference}", rejected.Message);
    }

    public static TheoryData<string> InvalidDefinitions() =>
    [
        "capacity 0", "capacity -1", "capacity int.MinValue",
        "limit 0", "limit -1", "limit over capacity",
        "lower-case currency", "two-letter currency", "four-letter currency", "empty currency", "currency with a digit",
        "no price", "negative price",
        "duplicate category names", "no categories", "default categories",
        "empty event id", "whitespace event id", "event id starting with a dash", "event id with a space",
        "event id with a slash", "event id of 65 characters", "event id with a non-ASCII letter",
        "empty name", "whitespace name", "name of 201 characters",
        "empty category name", "category name with a space", "category name starting with a dot",
    ];

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void CreateEvent_with_an_invalid_definition_is_rejected_with_InvalidEvent_naming_the_one_problem(string fault)
    {
        var definition = Invalid(fault);
        var box = new TestBoxOffice();

        var rejected = box.Refuse(new CreateEvent(definition), RejectionReason.InvalidEvent);

        Assert.Equal(Assert.Single(definition.Problems()), rejected.Message);
        Assert.Null(box.State.Event);
        Assert.Empty(box.State.Availability().Categories);
        box.Refuse(new GetAvailability("E1"), RejectionReason.UnknownEvent);
        box.Refuse(box.PurchaseOf("alice", 1), RejectionReason.UnknownEvent);
    }

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void A_rejected_definition_does_not_stop_a_valid_one_from_being_created_afterwards(string fault)
    {
        var box = new TestBoxOffice();
        box.Refuse(new CreateEvent(Invalid(fault)), RejectionReason.InvalidEvent);

        var decision = box.Send(new CreateEvent(SingleCategory(5, 2)));

        Assert.Equal(new EventAccepted("E1"), decision.Reply);
        Assert.IsType<EventCreated>(Assert.Single(decision.Events));
        Assert.Equal([new CategoryAvailability(General, 5, 0, 0, 5)], box.State.Availability().Categories.ToArray());
    }

    public static TheoryData<string> BoundaryDefinitions() =>
    [
        "capacity 1 and limit 1", "capacity MaxCapacity", "limit equal to capacity", "price 0",
        "event id of 64 characters", "event id with dots, underscores and dashes", "name of 200 characters",
        "category names differing only in case",
    ];

    [Theory]
    [MemberData(nameof(BoundaryDefinitions))]
    public void CreateEvent_accepts_definitions_on_the_boundaries(string boundary)
    {
        var definition = boundary switch
        {
            "capacity 1 and limit 1" => SingleCategory(1, 1),
            "capacity MaxCapacity" => SingleCategory(EventDefinition.MaxCapacity, 10),
            "limit equal to capacity" => SingleCategory(7, 7),
            "price 0" => Event(Category(price: 0)),
            "event id of 64 characters" => Event(new string('e', 64), Category()),
            "event id with dots, underscores and dashes" => Event("2026.summer_fest-day-1", Category()),
            "name of 200 characters" => Event(Category()) with { Name = new string('n', EventDefinition.MaxNameLength) },
            "category names differing only in case" => Event(Category("vip"), Category("VIP")),
            _ => throw new ArgumentOutOfRangeException(nameof(boundary)),
        };
        Assert.Empty(definition.Problems());
        var box = new TestBoxOffice();

        var decision = box.Send(new CreateEvent(definition));

        Assert.Equal(new EventAccepted(definition.Id), decision.Reply);
        Assert.IsType<EventCreated>(Assert.Single(decision.Events));
        Assert.Equal(definition.Categories.Select(c => new CategoryAvailability(c.Name, c.Capacity, 0, 0, c.Capacity)),
            box.State.Availability().Categories);
    }

    [Fact]
    public void A_definition_with_several_faults_names_every_one()
    {
        var definition = new EventDefinition("", "", StartsAt, [new TicketCategory("vip", 0, new Money(-1, "eur"), 5)]);

        var rejected = new TestBoxOffice().Refuse(new CreateEvent(definition), RejectionReason.InvalidEvent);

        Assert.Equal(5, definition.Problems().Count);
        Assert.Equal(string.Join("; ", definition.Problems()), rejected.Message);
    }

    /// <summary>
    /// MaxCapacity bounds the whole event, so that serials (int) and the summed capacity never overflow. The last case
    /// adds up to more than int.MaxValue.
    /// </summary>
    [Theory]
    [InlineData(1, EventDefinition.MaxCapacity + 1)]
    [InlineData(1, int.MaxValue)]
    [InlineData(2, EventDefinition.MaxCapacity / 2 + 1)]
    [InlineData(215, EventDefinition.MaxCapacity)]
    public void CreateEvent_is_rejected_with_InvalidEvent_when_the_categories_together_exceed_MaxCapacity(int categories, int capacityEach)
    {
        var definition = Event([.. Enumerable.Range(1, categories).Select(i => Category($"block-{i}", capacityEach, 10))]);
        var box = new TestBoxOffice();

        var rejected = box.Refuse(new CreateEvent(definition), RejectionReason.InvalidEvent);

        Assert.Equal(string.Join("; ", definition.Problems()), rejected.Message);
        Assert.Null(box.State.Event);
    }

    [Fact]
    public void CreateEvent_accepts_categories_that_add_up_to_exactly_MaxCapacity()
    {
        var definition = Event(Category(General, EventDefinition.MaxCapacity / 2, 10), Category(Vip, EventDefinition.MaxCapacity / 2, 10));

        var availability = TestBoxOffice.For(definition).State.Availability();

        Assert.Equal((EventDefinition.MaxCapacity, EventDefinition.MaxCapacity), (availability.Capacity, availability.Available));
    }

    [Fact]
    public void CreateEvent_without_categories_for_an_existing_event_is_rejected_with_EventAlreadyExists_and_does_not_throw()
    {
        var box = TestBoxOffice.For(GeneralAndVip());
        var missingCategories = new EventDefinition("E1", "Flash sale", StartsAt, default);

        box.Refuse(new CreateEvent(missingCategories), RejectionReason.EventAlreadyExists);
    }

    /// <summary>A JSON body with <c>"categories": [null]</c> deserializes to this: bad input, to be refused, not thrown on.</summary>
    [Fact]
    public void CreateEvent_with_a_missing_category_entry_is_rejected_with_InvalidEvent_and_does_not_throw()
    {
        var definition = new EventDefinition("E1", "Flash sale", StartsAt, [Category(), null!]);

        new TestBoxOffice().Refuse(new CreateEvent(definition), RejectionReason.InvalidEvent);
    }

    private static EventDefinition Invalid(string fault) => fault switch
    {
        "capacity 0" => SingleCategory(0, 1),
        "capacity -1" => SingleCategory(-1, 1),
        "capacity int.MinValue" => SingleCategory(int.MinValue, 1),
        "limit 0" => SingleCategory(10, 0),
        "limit -1" => SingleCategory(10, -1),
        "limit over capacity" => SingleCategory(10, 11),
        "lower-case currency" => Event(Category(currency: "eur")),
        "two-letter currency" => Event(Category(currency: "EU")),
        "four-letter currency" => Event(Category(currency: "EURO")),
        "empty currency" => Event(Category(currency: "")),
        "currency with a digit" => Event(Category(currency: "E1R")),
        "no price" => Event(Category() with { Price = null! }),
        "negative price" => Event(Category(price: -1)),
        "duplicate category names" => Event(Category(General), Category(Vip), Category(General)),
        "no categories" => Event(),
        "default categories" => new EventDefinition(EventId, "Flash sale", StartsAt, default),
        "empty event id" => Event("", Category()),
        "whitespace event id" => Event("  ", Category()),
        "event id starting with a dash" => Event("-e1", Category()),
        "event id with a space" => Event("e 1", Category()),
        "event id with a slash" => Event("e/1", Category()),
        "event id of 65 characters" => Event(new string('e', 65), Category()),
        "event id with a non-ASCII letter" => Event("fête", Category()),
        "empty name" => Event(Category()) with { Name = "" },
        "whitespace name" => Event(Category()) with { Name = " \t " },
        "name of 201 characters" => Event(Category()) with { Name = new string('n', EventDefinition.MaxNameLength + 1) },
        "empty category name" => Event(Category("")),
        "category name with a space" => Event(Category("front row")),
        "category name starting with a dot" => Event(Category(".vip")),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}
