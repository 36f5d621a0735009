using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TicketActors.Cli.Load;

/// <summary>
/// What the service answered a request, after the retries it needed. <see cref="Status"/> 0: no answer at all (every
/// attempt timed out or could not connect; <see cref="Failure"/> says why).
/// </summary>
public sealed record HttpAnswer(int Status, string? Code, string Body, int Retries, string? Failure)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>No answer, or a 503 that asks for a retry: whether the request took effect is not known.</summary>
    public bool IsUnresolved => Status is 0 or 503;

    /// <summary>The outcome as the summary counts it: "201", "409 sold-out", "no answer (timeout)".</summary>
    public string Outcome => Status == 0 ? $"no answer ({Failure})" : Code is null ? $"{Status}" : $"{Status} {Code}";
}

/// <summary>
/// The service's HTTP API as the load generator calls it: one pooled <see cref="HttpClient"/> with enough connections
/// for every worker, a timeout per attempt, and retries of timeouts, refused connections and 503s with the same
/// request (so the same Idempotency-Key), honouring Retry-After, at most <c>attempts</c> tries.
/// </summary>
public sealed class TicketsHttp : IDisposable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly int _attempts;

    public TicketsHttp(Uri url, int connections, TimeSpan timeout, int attempts)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            ConnectTimeout = timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        _timeout = timeout;
        _attempts = attempts;
    }

    public Task<HttpAnswer> CreateEventAsync(string adminKey, object body, CancellationToken cancellation) =>
        SendAsync(() => Post("/events", body, ("X-Api-Key", adminKey)), cancellation);

    public Task<HttpAnswer> AvailabilityAsync(string eventId, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/events/{Uri.EscapeDataString(eventId)}/availability"), cancellation);

    public Task<HttpAnswer> PurchaseAsync(string eventId, string key, PurchaseBody body, CancellationToken cancellation) =>
        SendAsync(() => Post($"/events/{Uri.EscapeDataString(eventId)}/purchases", body, (IdempotencyKeyHeader, key)), cancellation);

    public Task<HttpAnswer> HoldAsync(string eventId, string key, HoldBody body, CancellationToken cancellation) =>
        SendAsync(() => Post($"/events/{Uri.EscapeDataString(eventId)}/holds", body, (IdempotencyKeyHeader, key)), cancellation);

    public Task<HttpAnswer> ConfirmAsync(string eventId, string holdId, string key, CancellationToken cancellation) =>
        SendAsync(() => Post($"/events/{Uri.EscapeDataString(eventId)}/holds/{Uri.EscapeDataString(holdId)}/confirm", null, (IdempotencyKeyHeader, key)), cancellation);

    public Task<HttpAnswer> ReleaseAsync(string eventId, string holdId, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"/events/{Uri.EscapeDataString(eventId)}/holds/{Uri.EscapeDataString(holdId)}"), cancellation);

    public Task<HttpAnswer> OrderAsync(string orderId, string secret, CancellationToken cancellation) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/{Uri.EscapeDataString(orderId)}");
            request.Headers.TryAddWithoutValidation("X-Order-Secret", secret);
            return request;
        }, cancellation);

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Post(string path, object? body, (string Name, string Value) header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body is null ? "{}" : JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        return request;
    }

    private async Task<HttpAnswer> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellation)
    {
        string? failure = null;
        HttpAnswer? lastUnavailable = null;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                deadline.CancelAfter(_timeout);
                try
                {
                    using var request = build();
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
                    var body = await response.Content.ReadAsStringAsync(deadline.Token);
                    var answer = new HttpAnswer((int)response.StatusCode, ProblemCode(response, body), body, attempt - 1, null);
                    if (answer.Status != 503)
                    {
                        return answer;
                    }
                    lastUnavailable = answer;
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    failure = "timeout";
                    lastUnavailable = null;
                }
                catch (HttpRequestException e)
                {
                    failure = e.HttpRequestError == HttpRequestError.Unknown ? "connection failed" : $"connection: {e.HttpRequestError}";
                    lastUnavailable = null;
                }
            }
            if (attempt >= _attempts)
            {
                return lastUnavailable ?? new HttpAnswer(0, null, "", attempt - 1, failure);
            }
            await Task.Delay(retryAfter ?? Backoff(attempt), cancellation);
        }
    }

    /// <summary>100 ms doubling per attempt up to 2 s, with jitter so that refused workers do not come back in step.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, attempt - 1)) * (0.5 + Random.Shared.NextDouble()));

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }

    private static string? ProblemCode(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static T? Read<T>(HttpAnswer answer) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(answer.Body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Describe(HttpAnswer answer) =>
        answer.Status == 0 ? $"no answer ({answer.Failure}) after {answer.Retries + 1} attempt(s)"
        : string.Create(CultureInfo.InvariantCulture, $"{answer.Status}{(answer.Code is null ? "" : $" {answer.Code}")}: {Shorten(answer.Body)}");

    /// <summary>The problem's <c>detail</c> (RFC 9457), or null when the answer has none.</summary>
    public static string? Detail(HttpAnswer answer)
    {
        try
        {
            using var problem = JsonDocument.Parse(answer.Body);
            return problem.RootElement.ValueKind == JsonValueKind.Object &&
                   problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}

public sealed record PurchaseBody(string BuyerId, string Category, int Quantity);

public sealed record HoldBody(string BuyerId, string Category, int Quantity, int TtlSeconds);

public sealed record TicketReceived(int Serial, string Code, string? Status = null);

/// <summary>The 201 of a purchase or a confirm; <c>orderId</c> and <c>orderSecret</c> only from services that send them.</summary>
public sealed record OrderReceived(
    string EventId,
    int OrderNumber,
    string? IdempotencyKey,
    string BuyerId,
    string Category,
    int Quantity,
    DateTimeOffset IssuedAt,
    IReadOnlyList<TicketReceived> Tickets,
    string? OrderId = null,
    string? OrderSecret = null);

public sealed record HoldReceived(string HoldId, string EventId, string Category, int Quantity, DateTimeOffset ExpiresAt);

public sealed record CategoryAvailabilityReceived(string Category, int Capacity, int Sold, int Held, int Available);

public sealed record AvailabilityReceived(string EventId, int Capacity, int Sold, int Held, int Available, IReadOnlyList<CategoryAvailabilityReceived> Categories);
