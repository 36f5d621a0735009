namespace TicketActors.Api.Requests;

/// <summary>
/// Text that may be stored and shown: no control characters (NUL cannot even be stored by PostgreSQL) and no broken
/// UTF-16 (a lone surrogate cannot be written as JSON, so it would fail the journal write instead of the request).
/// </summary>
public static class PlainText
{
    public static bool IsPlain(string? text)
    {
        if (text is null)
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return false;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
