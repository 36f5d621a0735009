using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using TicketActors.Api.Problems;

namespace TicketActors.Api.Requests;

/// <summary>
/// Reads a request body strictly: JSON content type; numbers as numbers ("3" and 3.5 are not a quantity); every required
/// field present and not null; no unknown or repeated fields; at most <c>MaxRequestBodyBytes</c>. Anything else is a
/// 4xx problem, decided before any actor hears of the request.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the problem that answers it.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellation)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Of(ProblemCodes.UnsupportedMediaType, $"send the body as application/json, not '{request.ContentType}'"));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Strict, cancellation);
            return value is null
                ? (null, ApiProblems.Of(ProblemCodes.InvalidBody, "the body is JSON null"))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.Of(ProblemCodes.InvalidBody, Describe(e)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return (null, ApiProblems.Of(ProblemCodes.PayloadTooLarge, $"the body may be at most {limit} bytes"));
        }
    }

    /// <summary>What is wrong and where, in the words of the API (without the serializer's CLR type names).</summary>
    internal static string Describe(JsonException e)
    {
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
        var message = e.Message;
        string? what = message switch
        {
            _ when message.Contains("missing required properties including:", StringComparison.Ordinal) =>
                "required field(s) missing: " + message.Split("including:", 2)[1].Trim().TrimEnd('.'),
            _ when message.Contains("doesn't allow null values", StringComparison.Ordinal) || message.Contains("null value", StringComparison.Ordinal) =>
                "a required field is null",
            _ when message.Contains("could not be converted", StringComparison.Ordinal) => "a value has the wrong type or is out of range",
            _ when message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) => "unknown field",
            _ when message.StartsWith("Duplicate property", StringComparison.Ordinal) => "a field appears twice",
            _ => null,
        };
        if (what is not null)
        {
            return $"the body is not valid: {what}{where}";
        }
        // JSON that does not parse: the parser's sentence, and where it stopped (1-based, as editors count).
        var syntax = message.StartsWith("Expected depth to be zero", StringComparison.Ordinal)
            ? "the JSON ends before an object or array is closed"
            : message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
        var position = e is { LineNumber: { } line, BytePositionInLine: { } column } ? $" (line {line + 1}, byte {column + 1})" : "";
        return $"the body is not valid: {syntax}{position}";
    }
}
