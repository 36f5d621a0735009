using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Api.Problems;

/// <summary>RFC 9457 problem details with a <c>code</c> extension, and <c>Retry-After</c> on every 503.</summary>
public static class ApiProblems
{
    public const string CodeExtension = "code";
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public static IResult Of(ProblemCode code, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = code.Status, Title = code.Title, Detail = detail };
        problem.Extensions[CodeExtension] = code.Code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        return new ProblemResult(TypedResults.Problem(problem), code.Status == StatusCodes.Status503ServiceUnavailable ? DefaultRetryAfter : null);
    }

    /// <summary>
    /// The problem of a box office rejection; <c>available</c> is added when the box office said how many are left,
    /// <c>checkedInAt</c> when a ticket was admitted before.
    /// </summary>
    public static IResult Of(Rejected rejected)
    {
        var extensions = new Dictionary<string, object?>();
        if (rejected.Available is { } available)
        {
            extensions["available"] = available;
        }
        if (rejected.CheckedInAt is { } checkedInAt)
        {
            extensions["checkedInAt"] = checkedInAt;
        }
        return Of(ProblemCodes.For(rejected.Reason), rejected.Message, extensions);
    }

    /// <summary>A problem response that also sets <c>Retry-After</c> (in seconds) when it is given.</summary>
    private sealed class ProblemResult(ProblemHttpResult problem, TimeSpan? retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => problem.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            return problem.ExecuteAsync(httpContext);
        }
    }
}
