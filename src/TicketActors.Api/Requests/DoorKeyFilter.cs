using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TicketActors.Api.Hosting;
using TicketActors.Api.Problems;

namespace TicketActors.Api.Requests;

/// <summary>
/// Door routes need the configured <c>DoorKey</c> or the organiser's <c>AdminKey</c> in the <c>X-Door-Key</c> header.
/// With neither configured they are closed (403), never open. Keys are compared in constant time.
/// </summary>
public sealed class DoorKeyFilter(IOptions<TicketActorsOptions> options) : IEndpointFilter
{
    public const string Header = "X-Door-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var keys = new[] { options.Value.DoorKey, options.Value.AdminKey }.Where(k => !string.IsNullOrEmpty(k)).ToList();
        if (keys.Count == 0)
        {
            return ValueTask.FromResult<object?>(ApiProblems.Of(ProblemCodes.DoorRoutesDisabled,
                $"set {TicketActorsOptions.Section}:DoorKey (environment variable {TicketActorsOptions.Section}__DoorKey) to open it"));
        }
        var sent = context.HttpContext.Request.Headers[Header];
        if (sent.Count == 0 || string.IsNullOrEmpty(sent[0]))
        {
            return ValueTask.FromResult<object?>(ApiProblems.Of(ProblemCodes.MissingDoorKey));
        }
        var given = Encoding.UTF8.GetBytes(sent[0]!);
        // Every configured key is compared, so the time does not tell which one nearly matched.
        var matches = keys.Aggregate(false, (found, key) => CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(key!)) | found);
        if (sent.Count > 1 || !matches)
        {
            return ValueTask.FromResult<object?>(ApiProblems.Of(ProblemCodes.InvalidDoorKey));
        }
        return next(context);
    }
}
