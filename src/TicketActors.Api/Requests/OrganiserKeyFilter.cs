using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TicketActors.Api.Hosting;
using TicketActors.Api.Problems;

namespace TicketActors.Api.Requests;

/// <summary>
/// Organiser routes need the configured <c>AdminKey</c> in the <c>X-Api-Key</c> header. With no key configured they are
/// closed (403), never open. The key is compared in constant time.
/// </summary>
public sealed class OrganiserKeyFilter(IOptions<TicketActorsOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = options.Value.AdminKey;
        if (string.IsNullOrEmpty(configured))
        {
            return ValueTask.FromResult<object?>(ApiProblems.Of(ProblemCodes.OrganiserRoutesDisabled,
                $"set {TicketActorsOptions.Section}:AdminKey (environment variable {TicketActorsOptions.Section}__AdminKey) to open them"));
        }
        var sent = context.HttpContext.Request.Headers[Header];
        if (sent.Count == 0 || string.IsNullOrEmpty(sent[0]))
        {
            return ValueTask.FromResult<object?>(ApiProblems.Of(ProblemCodes.MissingApiKey));
        }
        if (sent.Count > 1 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent[0]!), Encoding.UTF8.GetBytes(configured)))
        {
            return ValueTask.FromResult<object?>(ApiProblems.Of(ProblemCodes.InvalidApiKey));
        }
        return next(context);
    }
}
