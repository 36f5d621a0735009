using TicketActors.Cli.Simulate;

namespace TicketActors.Cli.Tests;

/// <summary><c>--limit</c> as one number for every category, per category, or both; checked without running anything.</summary>
public sealed class SimulateLimitSpec
{
    [Theory]
    [InlineData(null, "general:4,vip:4")]
    [InlineData("3", "general:3,vip:3")]
    [InlineData("vip:1", "general:4,vip:1")]
    [InlineData("2,vip:1", "general:2,vip:1")]
    [InlineData("vip:1, general:3", "general:3,vip:1")]
    [InlineData("50", "general:20,vip:5")]
    public void The_limit_of_each_category_comes_from_the_option_or_the_largest_quantity_and_never_exceeds_the_capacity(string? limit, string expected)
    {
        var options = new SimulateOptions(Users: 10, Tickets: null, Quantity: "1-4", Categories: "general:20,vip:5", Limit: limit,
            Seed: 1, EventId: null, TimeoutSeconds: 10, Attempts: 3, Verbose: false, Quiet: true, ReportJson: null, Store: "memory");

        var settings = options.ToSettings(out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, string.Join(',', settings.Plan.Event.Categories.Select(c => $"{c.Name}:{c.Limit}")));
    }
}
