using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TicketActors.Api.Tests.Support;

namespace TicketActors.Api.Tests;

/// <summary>Settings that cannot work stop the start with a message naming the setting; a store that cannot be reached, or an address already in use, ends the process with exit code 1.</summary>
public sealed class SettingsSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("TicketActors:Store", "mongodb", "TicketActors:Store must be memory, sqlite or postgres")]
    [InlineData("TicketActors:Store", "postgres", "TicketActors:Store postgres needs TicketActors:Connection")]
    [InlineData("TicketActors:AdminKey", "short", "TicketActors:AdminKey must be at least 16 characters")]
    [InlineData("TicketActors:DoorKey", "short", "TicketActors:DoorKey must be at least 16 characters")]
    [InlineData("TicketActors:OrderSecretKey", "c2hvcnQ=", "TicketActors:OrderSecretKey must be base64 of at least 32 bytes")]
    [InlineData("TicketActors:OrderSecretKey", "not base64 at all!", "TicketActors:OrderSecretKey must be base64 of at least 32 bytes")]
    [InlineData("TicketActors:MaxInFlightPerEvent", "0", "TicketActors:MaxInFlightPerEvent must be 1 or more")]
    [InlineData("TicketActors:AskTimeout", "00:00:00", "TicketActors:AskTimeout must be more than 0 and at most 5 minutes")]
    [InlineData("TicketActors:Akka", "akka.loglevel = = =", "TicketActors:Akka is not valid HOCON")]
    [InlineData("TicketActors:AvailabilityKeepAlive", "00:00:00.010", "TicketActors:AvailabilityKeepAlive must be between 100 ms and 10 minutes")]
    public async Task A_setting_that_cannot_work_refuses_the_start_and_names_the_setting(string key, string value, string message)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ApiHost.StartAsync(_folder.Path, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(refused.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TicketActors__AdminKey", "short", "error: TicketActors:AdminKey must be at least 16 characters")]
    [InlineData("TicketActors__AskTimeout", "banana", "error: Failed to convert configuration value 'banana' at 'TicketActors:AskTimeout' to type 'System.TimeSpan'")]
    [InlineData("TicketActors__MaxInFlightPerEvent", "abc", "error: Failed to convert configuration value 'abc' at 'TicketActors:MaxInFlightPerEvent' to type 'System.Int32'")]
    [InlineData("TicketActors__MaxInFlightPerEvent", "99999999999", "error: Failed to convert configuration value '99999999999' at 'TicketActors:MaxInFlightPerEvent' to type 'System.Int32'")]
    public async Task The_service_process_with_a_setting_that_cannot_work_exits_with_2_and_one_error_line_no_stack_trace(string key, string value, string error)
    {
        await using var service = await ServiceProcess.StartAsync(_folder.Path,
            new Dictionary<string, string> { ["TicketActors__Store"] = "memory", [key] = value }, waitUntilReady: false);

        Assert.Equal(2, await service.ExitCodeAsync(ApiHost.Patience));
        Assert.Contains(service.Output, line => line.StartsWith(error, StringComparison.Ordinal));
        Assert.DoesNotContain(service.Output, line => line.Contains("Unhandled exception", StringComparison.Ordinal) || line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_postgres_store_that_cannot_be_reached_ends_the_process_with_exit_code_1_and_says_why()
    {
        var nobodyListens = $"Host=127.0.0.1;Port={ServiceProcess.FreePort()};Database=tickets;Username=postgres;Timeout=3";
        await using var service = await ServiceProcess.StartAsync(_folder.Path,
            new Dictionary<string, string> { ["TicketActors__Store"] = "postgres", ["TicketActors__Connection"] = nobodyListens }, waitUntilReady: false);

        Assert.Equal(1, await service.ExitCodeAsync(ApiHost.Patience));
        Assert.Contains(service.Output, line => line.Contains("The box offices could not start: PostgreSQL cannot be reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_address_already_in_use_ends_the_process_with_exit_code_1_and_one_error_line_no_stack_trace()
    {
        using var otherProgram = new TcpListener(IPAddress.Loopback, 0);
        otherProgram.Start();
        var port = ((IPEndPoint)otherProgram.LocalEndpoint).Port;

        await using var service = await ServiceProcess.StartAsync(_folder.Path,
            new Dictionary<string, string> { ["TicketActors__Store"] = "memory" }, waitUntilReady: false, port: port);

        Assert.Equal(1, await service.ExitCodeAsync(ApiHost.Patience));
        Assert.Contains($"error: Failed to bind to address http://127.0.0.1:{port}: address already in use. Choose another with --urls.", service.Output);
        Assert.DoesNotContain(service.Output, line => line.Contains("Unhandled exception", StringComparison.Ordinal) || line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_and_the_required_headers()
    {
        await using var api = await ApiHost.StartAsync(_folder.Path, new Dictionary<string, string?> { ["TicketActors:Store"] = "memory" });

        using var document = JsonDocument.Parse(await api.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths");
        Assert.Equal(
            [
                "/events", "/events/{eventId}", "/events/{eventId}/availability", "/events/{eventId}/availability/stream",
                "/events/{eventId}/categories/{category}/capacity", "/events/{eventId}/checkins", "/events/{eventId}/close",
                "/events/{eventId}/holds", "/events/{eventId}/holds/{holdId}", "/events/{eventId}/holds/{holdId}/confirm",
                "/events/{eventId}/purchases", "/healthz", "/orders/{orderId}", "/orders/{orderId}/cancel", "/ready",
            ],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(RequiredHeader(paths.GetProperty("/events/{eventId}/purchases").GetProperty("post"), "Idempotency-Key"));
        Assert.True(RequiredHeader(paths.GetProperty("/events/{eventId}/holds").GetProperty("post"), "Idempotency-Key"));
        Assert.True(RequiredHeader(paths.GetProperty("/events").GetProperty("post"), "X-Api-Key"));
        Assert.True(RequiredHeader(paths.GetProperty("/events/{eventId}/close").GetProperty("post"), "X-Api-Key"));
        Assert.True(RequiredHeader(paths.GetProperty("/events/{eventId}/categories/{category}/capacity").GetProperty("put"), "X-Api-Key"));
        Assert.True(RequiredHeader(paths.GetProperty("/events/{eventId}/checkins").GetProperty("post"), "X-Door-Key"));
        Assert.True(RequiredHeader(paths.GetProperty("/orders/{orderId}").GetProperty("get"), "X-Order-Secret"));
        Assert.True(RequiredHeader(paths.GetProperty("/orders/{orderId}/cancel").GetProperty("post"), "X-Order-Secret"));
        Assert.True(paths.GetProperty("/events/{eventId}/holds/{holdId}").TryGetProperty("delete", out _));
    }

    private static bool RequiredHeader(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Any(p =>
            p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "header" && p.GetProperty("required").GetBoolean());
}
