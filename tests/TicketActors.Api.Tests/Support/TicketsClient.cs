using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TicketActors.Api.Events;
using TicketActors.Api.LiveAvailability;
using TicketActors.Api.Purchases;

namespace TicketActors.Api.Tests.Support;

/// <summary>The HTTP calls of a buyer and an organiser, as a client program would make them.</summary>
public sealed class TicketsClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public static object Category(string name = "general", int capacity = 100, long price = 2500, string currency = "EUR", int limit = 4) =>
        new { name, capacity, price, currency, limit };

    public async Task<HttpResponseMessage> CreateEventAsync(object body, string? apiKey = ApiHost.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = JsonContent.Create(body, options: Json) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Creates an event with one <c>general</c> category and checks the 201.</summary>
    public async Task<EventResponse> CreatedEventAsync(string id, int capacity, int limit = 4)
    {
        using var response = await CreateEventAsync(new { id, name = $"Event {id}", categories = new[] { Category(capacity: capacity, limit: limit) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EventResponse>(Json))!;
    }

    public async Task<HttpResponseMessage> PurchaseAsync(string eventId, string? idempotencyKey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/events/{eventId}/purchases") { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PurchaseAsync(string eventId, string idempotencyKey, string buyerId, int quantity, string category = "general") =>
        PurchaseAsync(eventId, idempotencyKey, new { buyerId, category, quantity });

    /// <summary>A purchase that must succeed: its 201 order.</summary>
    public async Task<(OrderResponse Order, string Body)> PurchasedAsync(string eventId, string idempotencyKey, string buyerId, int quantity)
    {
        using var response = await PurchaseAsync(eventId, idempotencyKey, buyerId, quantity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return (JsonSerializer.Deserialize<OrderResponse>(body, Json)!, body);
    }

    public async Task<AvailabilityResponse> AvailabilityAsync(string eventId)
    {
        using var response = await http.GetAsync(new Uri($"/events/{eventId}/availability", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<AvailabilityResponse>(body, Json)!;
    }

    /// <summary>Sends <paramref name="body"/> as JSON (none when null) with these headers.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await http.SendAsync(request);
    }

    /// <summary>The body of a response that must have this status, as <typeparamref name="T"/>, and as text.</summary>
    public static async Task<(T Value, string Body)> ExpectAsync<T>(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
            return (JsonSerializer.Deserialize<T>(body, Json)!, body);
        }
    }

    /// <summary>The problem of a response that must be one, with this status and code.</summary>
    public static async Task<Problem> ExpectProblemAsync(HttpResponseMessage response, int status, string code)
    {
        using (response)
        {
            var problem = await Problem.ReadAsync(response);
            Assert.True((status, code) == (problem.Status, problem.Code), $"expected {status} {code}, got {problem.Status} {problem.Code}: {problem.Body}");
            return problem;
        }
    }

    public Task<HttpResponseMessage> HoldAsync(string eventId, string idempotencyKey, string buyerId, int quantity, int ttlSeconds, string category = "general") =>
        SendAsync(HttpMethod.Post, $"/events/{eventId}/holds", new { buyerId, category, quantity, ttlSeconds }, ("Idempotency-Key", idempotencyKey));

    public Task<HttpResponseMessage> ConfirmAsync(string eventId, string holdId) =>
        SendAsync(HttpMethod.Post, $"/events/{eventId}/holds/{holdId}/confirm", null);

    public Task<HttpResponseMessage> ReleaseAsync(string eventId, string holdId) =>
        SendAsync(HttpMethod.Delete, $"/events/{eventId}/holds/{holdId}", null);

    public Task<HttpResponseMessage> OrderAsync(string orderId, string? secret) =>
        SendAsync(HttpMethod.Get, $"/orders/{orderId}", null, secret is null ? [] : [("X-Order-Secret", secret)]);

    public Task<HttpResponseMessage> CancelAsync(string orderId, string? secret, object? body = null) =>
        SendAsync(HttpMethod.Post, $"/orders/{orderId}/cancel", body, secret is null ? [] : [("X-Order-Secret", secret)]);

    public Task<HttpResponseMessage> CheckInAsync(string eventId, string code, string? doorKey = ApiHost.DoorKey, string header = "X-Door-Key") =>
        SendAsync(HttpMethod.Post, $"/events/{eventId}/checkins", new { code }, doorKey is null ? [] : [(header, doorKey)]);

    /// <summary>Sends raw bytes: whatever body, content type and headers a spec wants, malformed or not.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? contentType, byte[]? body, IEnumerable<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await http.SendAsync(request);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>An RFC 9457 problem as a client reads it.</summary>
public sealed record Problem(int Status, string Code, string? Detail, JsonElement Body, string? RetryAfter)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{(int)response.StatusCode} is not a problem: {response.Content.Headers.ContentType} {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)response.StatusCode, body.GetProperty("status").GetInt32());
        return new Problem((int)response.StatusCode, body.GetProperty("code").GetString()!,
            body.TryGetProperty("detail", out var detail) ? detail.GetString() : null, body,
            response.Headers.RetryAfter?.ToString());
    }
}
