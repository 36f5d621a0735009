using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace TicketActors.Cli.Tests.Support;

/// <summary>
/// A stand-in for the service on a loopback port (<see cref="HttpListener"/>), answering as a spec tells it to: a
/// faulty service the load generator must catch, or a service with routes the real one does not have yet.
/// </summary>
public sealed class FakeService : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, string, (int Status, string Body, string? RetryAfter)> _answer;

    public FakeService(Func<HttpListenerRequest, string, (int Status, string Body, string? RetryAfter)> answer)
    {
        _answer = answer;
        Url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>The Idempotency-Key of every request, in the order they arrived.</summary>
    public ConcurrentQueue<string> Keys { get; } = new();

    public static string Json(object value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static string Availability(string eventId, int capacity, int sold) => Availability(eventId, ("general", capacity, sold));

    /// <summary>An availability body with these categories (nothing held) and their totals.</summary>
    public static string Availability(string eventId, params (string Category, int Capacity, int Sold)[] categories) =>
        Json(new { eventId, capacity = categories.Sum(c => c.Capacity), sold = categories.Sum(c => c.Sold), held = 0,
            available = categories.Sum(c => c.Capacity - c.Sold), checkedIn = 0,
            categories = categories.Select(c => new { category = c.Category, capacity = c.Capacity, sold = c.Sold, held = 0, available = c.Capacity - c.Sold, checkedIn = 0 }) });

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                if (context.Request.Headers["Idempotency-Key"] is { } key)
                {
                    Keys.Enqueue(key);
                }
                var (status, text, retryAfter) = _answer(context.Request, body);
                context.Response.StatusCode = status;
                context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
                if (retryAfter is not null)
                {
                    context.Response.AddHeader("Retry-After", retryAfter);
                }
                var bytes = Encoding.UTF8.GetBytes(text);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            });
        }
    }
}
