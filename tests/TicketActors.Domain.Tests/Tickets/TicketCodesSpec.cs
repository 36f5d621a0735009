using System.Text.RegularExpressions;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tests.Support;
using TicketActors.Domain.Tickets;
using static TicketActors.Domain.Tests.Support.Definitions;

namespace TicketActors.Domain.Tests.Tickets;

public sealed partial class TicketCodesSpec
{
    [Fact]
    public void CryptoTicketCodes_draws_22_character_url_safe_codes_all_distinct_over_10000_draws()
    {
        var codes = new CryptoTicketCodes();

        var drawn = Enumerable.Range(0, 10_000).Select(_ => codes.NewCode()).ToList();

        Assert.All(drawn, code => Assert.Matches(UrlSafeCode(), code));
        Assert.Equal(10_000, drawn.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Two_CryptoTicketCodes_generators_share_no_code()
    {
        var first = new CryptoTicketCodes();
        var second = new CryptoTicketCodes();

        var fromFirst = Enumerable.Range(0, 1_000).Select(_ => first.NewCode()).ToHashSet(StringComparer.Ordinal);
        var fromSecond = Enumerable.Range(0, 1_000).Select(_ => second.NewCode());

        Assert.DoesNotContain(fromSecond, fromFirst.Contains);
    }

    [Fact]
    public void A_generator_that_repeats_a_code_within_one_order_still_gives_every_ticket_its_own_code()
    {
        var codes = new ScriptedTicketCodes("A", "A", "B", "A", "B", "C");
        var box = TestBoxOffice.For(SingleCategory(10, 4), codes);

        var purchased = box.Buy("alice", 3);

        Assert.Equal(["A", "B", "C"], purchased.Order.Tickets.Select(t => t.Code));
        Assert.Equal(6, codes.Drawn);
    }

    [Fact]
    public void A_generator_that_repeats_a_code_of_an_earlier_order_still_never_issues_it_twice()
    {
        var codes = new ScriptedTicketCodes("X", "Y", "X", "Y", "X", "Z");
        var box = TestBoxOffice.For(SingleCategory(10, 4), codes);
        box.Buy("alice", 2);

        var second = box.Buy("bob", 1);

        Assert.Equal("Z", Assert.Single(second.Order.Tickets).Code);
        Assert.Equal(["X", "Y", "Z"], box.State.TicketsByCode.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], box.State.TicketsByCode.Values.Select(t => t.Serial).Order());
        Assert.Empty(box.State.InvariantViolations());
    }

    [Fact]
    public void A_box_office_with_real_codes_issues_distinct_codes_for_a_whole_sale()
    {
        var box = TestBoxOffice.For(SingleCategory(1_000, 10), new CryptoTicketCodes());

        for (var buyer = 0; buyer < 100; buyer++)
        {
            box.Buy($"buyer-{buyer}", 10);
        }

        Assert.Equal(1_000, box.State.TicketsByCode.Count);
        Assert.All(box.State.TicketsByCode.Keys, code => Assert.Matches(UrlSafeCode(), code));
        box.Refuse(box.PurchaseOf("late", 1), RejectionReason.SoldOut, available: 0);
        Assert.Empty(box.State.InvariantViolations());
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{22}$")]
    private static partial Regex UrlSafeCode();
}
