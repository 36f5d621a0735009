using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TicketActors.Actors.Hosting;
using TicketActors.Api.Hosting;

namespace TicketActors.Api.Orders;

/// <summary>
/// The order secret: base64url(HMAC-SHA256(key, orderId)). Whoever holds it may read and cancel the order; nobody can
/// make it from the order id alone. Nothing is stored per order: the secret is computed again on every request. The
/// key comes from the setting <c>OrderSecretKey</c> (base64, at least 32 bytes; several nodes must share one), else
/// from <c>DataDir/order-secret.key</c>, created with a random key on first use; on the memory store (whose orders end
/// with the process) from a random key kept in memory.
/// </summary>
public sealed class OrderSecrets
{
    public const string Header = "X-Order-Secret";
    public const string KeyFileName = "order-secret.key";
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;

    public OrderSecrets(IOptions<TicketActorsOptions> options)
    {
        var settings = options.Value;
        _key = TryDecodeKey(settings.OrderSecretKey, out var configured) ? configured
            // The memory store forgets its orders when the process ends, so a key that dies with it is enough and no
            // file is left in a data folder the memory store never uses.
            : settings.StoreSettings().Kind == StoreKind.Memory ? RandomNumberGenerator.GetBytes(MinKeyBytes)
            : LoadOrCreateKeyFile(Path.Combine(string.IsNullOrWhiteSpace(settings.DataDir) ? "data" : settings.DataDir, KeyFileName));
    }

    public string SecretFor(string orderId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(orderId)));

    /// <summary>Whether <paramref name="secret"/> is the secret of <paramref name="orderId"/>, compared in constant time.</summary>
    public bool Matches(string orderId, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(SecretFor(orderId)), Encoding.UTF8.GetBytes(secret));

    /// <summary>A configured key: base64 of at least <see cref="MinKeyBytes"/> bytes.</summary>
    public static bool TryDecodeKey(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return key.Length >= MinKeyBytes;
    }

    /// <summary>The key file's key; a new random one when there is no file yet (created once, readable by the owner only).</summary>
    private static byte[] LoadOrCreateKeyFile(string path)
    {
        if (TryDecodeKey(ReadIfExists(path), out var existing))
        {
            return existing;
        }
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not hold a base64 key of at least {MinKeyBytes} bytes; fix or delete it");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(MinKeyBytes);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var file = new StreamWriter(path, Encoding.ASCII, options);
            file.Write(Convert.ToBase64String(key));
            file.Flush();
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use that one, so both hand out the same secrets.
            return TryDecodeKey(ReadIfExists(path), out existing) ? existing
                : throw new InvalidOperationException($"{path} does not hold a base64 key of at least {MinKeyBytes} bytes");
        }
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
