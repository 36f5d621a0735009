using System.Diagnostics;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using TicketActors.Api.LiveAvailability;
using TicketActors.Api.Tests.Support;
using Xunit.Abstractions;

namespace TicketActors.Api.Tests;

/// <summary>The server-sent availability stream: the current state first, changes after, coalesced under a rush.</summary>
public sealed class AvailabilityStreamSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(_folder.Path);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_watcher_gets_the_current_state_first_then_the_change_a_purchase_makes_and_a_later_watcher_starts_from_the_new_state()
    {
        await _api.Tickets.CreatedEventAsync("live", capacity: 10);
        await _api.Tickets.PurchasedAsync("live", "k-1", "alice", 1);

        await using var first = await AvailabilityStream.OpenAsync(_api.Http, "live");
        Assert.Equal((1, 9), Counts(await first.NextAsync()));

        await _api.Tickets.PurchasedAsync("live", "k-2", "bob", 3);
        Assert.Equal((4, 6), Counts(await first.NextAsync()));

        await using var second = await AvailabilityStream.OpenAsync(_api.Http, "live");
        Assert.Equal((4, 6), Counts(await second.NextAsync()));
        await _api.Tickets.PurchasedAsync("live", "k-3", "carol", 2);
        Assert.Equal((6, 4), Counts(await first.NextAsync()));
        Assert.Equal((6, 4), Counts(await second.NextAsync()));
    }

    [Fact]
    public async Task Three_hundred_sales_in_a_burst_reach_the_watcher_as_a_few_coalesced_updates_not_three_hundred()
    {
        await _api.Tickets.CreatedEventAsync("burst", capacity: 1000, limit: 1);
        await using var stream = await AvailabilityStream.OpenAsync(_api.Http, "burst");
        Assert.Equal((0, 1000), Counts(await stream.NextAsync()));

        var clock = Stopwatch.StartNew();
        using var buyers = new SemaphoreSlim(32);
        var sales = Task.WhenAll(Enumerable.Range(1, 300).Select(async i =>
        {
            await buyers.WaitAsync();
            try
            {
                await _api.Tickets.PurchasedAsync("burst", $"key-{i}", $"buyer-{i}", 1);
            }
            finally
            {
                buyers.Release();
            }
        }));
        var updates = new List<int>();
        while (updates.LastOrDefault() < 300)
        {
            updates.Add((await stream.NextAsync()).Sold);
        }
        await sales;
        var elapsed = clock.Elapsed;

        output.WriteLine($"{updates.Count} updates in {elapsed.TotalMilliseconds:0} ms: [{string.Join(", ", updates)}]");
        Assert.Equal(updates.Order(), updates);
        var mostAllowed = (int)Math.Ceiling(elapsed / TimeSpan.FromMilliseconds(250)) + 2;
        Assert.True(updates.Count <= mostAllowed, $"{updates.Count} updates in {elapsed.TotalMilliseconds:0} ms (at most {mostAllowed}): [{string.Join(", ", updates)}]");
    }

    [Fact]
    public async Task A_stream_without_changes_repeats_the_current_state_every_keep_alive_interval_and_goes_on_with_changes()
    {
        await using var api = await ApiHost.StartAsync(Path.Combine(_folder.Path, "keep-alive"), new Dictionary<string, string?>
        {
            ["TicketActors:AvailabilityKeepAlive"] = "00:00:00.200",
        });
        await api.Tickets.CreatedEventAsync("quiet", capacity: 10);
        await api.Tickets.PurchasedAsync("quiet", "k-1", "alice", 2);
        await using var stream = await AvailabilityStream.OpenAsync(api.Http, "quiet");

        Assert.Equal((2, 8), Counts(await stream.NextAsync()));
        // Nothing sells: the keep-alives are the same state again.
        Assert.Equal((2, 8), Counts(await stream.NextAsync()));
        Assert.Equal((2, 8), Counts(await stream.NextAsync()));

        await api.Tickets.PurchasedAsync("quiet", "k-2", "bob", 3);
        var afterSale = await stream.NextAsync();
        while (afterSale.Sold == 2)
        {
            // A keep-alive may have been on its way when the sale happened.
            afterSale = await stream.NextAsync();
        }
        Assert.Equal((5, 5), Counts(afterSale));
    }

    [Fact]
    public async Task Stopping_the_service_ends_open_streams_instead_of_holding_up_the_shutdown()
    {
        await _api.Tickets.CreatedEventAsync("closing", capacity: 10);
        await using var stream = await AvailabilityStream.OpenAsync(_api.Http, "closing");
        await stream.NextAsync();

        var clock = Stopwatch.StartNew();
        await _api.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the shutdown took {clock.Elapsed}");
        Assert.Null(await stream.NextOrEndAsync());
        _api = await ApiHost.StartAsync(_folder.Path);
    }

    private static (int Sold, int Available) Counts(AvailabilityResponse availability) => (availability.Sold, availability.Available);

    /// <summary>One client of the stream, reading its events with a finite patience.</summary>
    private sealed class AvailabilityStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly IAsyncEnumerator<SseItem<string>> _events;

        private AvailabilityStream(HttpResponseMessage response, Stream body)
        {
            _response = response;
            _events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        }

        public static async Task<AvailabilityStream> OpenAsync(HttpClient http, string eventId)
        {
            var response = await http.GetAsync(new Uri($"/events/{eventId}/availability/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new AvailabilityStream(response, await response.Content.ReadAsStreamAsync());
        }

        public async Task<AvailabilityResponse> NextAsync() =>
            await NextOrEndAsync() ?? throw new InvalidOperationException("the stream ended");

        public async Task<AvailabilityResponse?> NextOrEndAsync()
        {
            if (!await _events.MoveNextAsync().AsTask().WaitAsync(ApiHost.Patience))
            {
                return null;
            }
            Assert.Equal("availability", _events.Current.EventType);
            return JsonSerializer.Deserialize<AvailabilityResponse>(_events.Current.Data, TicketsClient.Json);
        }

        public async ValueTask DisposeAsync()
        {
            _response.Dispose();
            try
            {
                await _events.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException)
            {
                // The connection is gone, which is what disposing means.
            }
        }
    }
}
