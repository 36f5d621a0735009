using System.Buffers.Text;
using System.Security.Cryptography;

namespace TicketActors.Domain.Tickets;

/// <summary>Where ticket codes come from; injected so that the decision stays pure and tests can be exact.</summary>
public interface ITicketCodeGenerator
{
    string NewCode();
}

/// <summary>
/// 128 bits from the operating system's cryptographic RNG per code, as 22 URL-safe base64 characters.
/// Random bytes are drawn in blocks to keep the purchase path cheap. Not thread-safe: one per box office.
/// </summary>
public sealed class CryptoTicketCodes : ITicketCodeGenerator
{
    public const int CodeBytes = 16;
    private readonly byte[] _block = new byte[CodeBytes * 256];
    private int _next = CodeBytes * 256;

    public string NewCode()
    {
        if (_next + CodeBytes > _block.Length)
        {
            RandomNumberGenerator.Fill(_block);
            _next = 0;
        }
        var code = Base64Url.EncodeToString(_block.AsSpan(_next, CodeBytes));
        _next += CodeBytes;
        return code;
    }
}
