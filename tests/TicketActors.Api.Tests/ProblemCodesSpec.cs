using System.Text.RegularExpressions;
using TicketActors.Api.Problems;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Tests;

/// <summary>The one table from rejection reasons to problem codes: complete, stable, and kebab case.</summary>
public sealed partial class ProblemCodesSpec
{
    public static TheoryData<RejectionReason> Reasons => [.. Enum.GetValues<RejectionReason>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Every_rejection_reason_is_in_the_table_with_its_kebab_case_code_and_a_client_error_or_503(RejectionReason reason)
    {
        Assert.True(ProblemCodes.IsInTable(reason), $"RejectionReason.{reason} has no row in ProblemCodes: add one (status, code, title)");
        var problem = ProblemCodes.For(reason);
        Assert.Equal(ProblemCodes.KebabCase(reason.ToString()), problem.Code);
        Assert.Matches(KebabCase(), problem.Code);
        Assert.True(problem.Status is >= 400 and < 500 or 503, $"{reason} answers {problem.Status}");
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
    }

    [Fact]
    public void Codes_are_unique_and_the_published_ones_keep_their_status()
    {
        var codes = Enum.GetValues<RejectionReason>().Select(r => ProblemCodes.For(r).Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal((409, "sold-out"), Of(RejectionReason.SoldOut));
        Assert.Equal((409, "insufficient-tickets"), Of(RejectionReason.InsufficientTickets));
        Assert.Equal((400, "limit-exceeded"), Of(RejectionReason.LimitExceeded));
        Assert.Equal((400, "invalid-quantity"), Of(RejectionReason.InvalidQuantity));
        Assert.Equal((404, "unknown-event"), Of(RejectionReason.UnknownEvent));
        Assert.Equal((400, "unknown-category"), Of(RejectionReason.UnknownCategory));
        Assert.Equal((409, "request-id-conflict"), Of(RejectionReason.RequestIdConflict));
        Assert.Equal((409, "event-already-exists"), Of(RejectionReason.EventAlreadyExists));
        Assert.Equal((400, "invalid-event"), Of(RejectionReason.InvalidEvent));
        Assert.Equal((503, "unavailable"), Of(RejectionReason.Unavailable));
    }

    [Fact]
    public void A_reason_missing_from_the_table_still_answers_a_409_with_its_name_in_kebab_case()
    {
        var unmapped = (RejectionReason)999;
        Assert.False(ProblemCodes.IsInTable(unmapped));
        Assert.Equal((409, "999"), Of(unmapped));
        Assert.Equal("hold-expired", ProblemCodes.KebabCase("HoldExpired"));
    }

    private static (int, string) Of(RejectionReason reason) => (ProblemCodes.For(reason).Status, ProblemCodes.For(reason).Code);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
