using System.Text;
using System.Text.Json;
using TicketActors.Api.Purchases;
using TicketActors.Api.Requests;

namespace TicketActors.Api.Tests;

/// <summary>
/// The detail of an <c>invalid-body</c> problem says what is wrong and where, in the API's words: no CLR type names, and
/// for JSON that does not parse, the line and byte where the parser stopped (CASES C10: a clear error).
/// </summary>
public sealed class InvalidBodySpec
{
    [Theory]
    [InlineData("{bad", "the body is not valid: 'b' is an invalid start of a property name. Expected a '\"' (line 1, byte 2)")]
    [InlineData("{\"buyerId\":\"zoe\"", "the body is not valid: the JSON ends before an object or array is closed (line 1, byte 17)")]
    [InlineData("{\"buyerId\":\"zoe\",\"category\":\"general\",\"quantity\":1", "the body is not valid: '1' is an invalid end of a number. Expected a delimiter (line 1, byte 51)")]
    [InlineData("{\"buyerId\":\"zoe\",\n\"category\":\"general\",\n\"quantity\":1} x", "the body is not valid: 'x' is invalid after a single JSON value. Expected end of data (line 3, byte 15)")]
    [InlineData("{\"buyerId\":\"zoe\",\"category\":\"general\"}", "the body is not valid: required field(s) missing: 'quantity'")]
    [InlineData("{\"buyerId\":\"zoe\",\"category\":\"general\",\"quantity\":\"3\"}", "the body is not valid: a value has the wrong type or is out of range at $.quantity")]
    [InlineData("{\"buyerId\":\"zoe\",\"category\":\"general\",\"quantity\":1,\"price\":1}", "the body is not valid: unknown field at $.price")]
    [InlineData("{\"buyerId\":\"zoe\",\"category\":\"general\",\"quantity\":1,\"quantity\":5}", "the body is not valid: a field appears twice at $.quantity")]
    public async Task The_detail_says_what_is_wrong_and_where(string body, string detail)
    {
        // As the service reads a body: from a stream.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var refused = await Assert.ThrowsAsync<JsonException>(async () => await JsonSerializer.DeserializeAsync<PurchaseRequest>(stream, JsonBody.Strict));

        Assert.Equal(detail, JsonBody.Describe(refused));
    }
}
