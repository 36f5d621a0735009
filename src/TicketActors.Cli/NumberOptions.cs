using System.CommandLine.Parsing;
using System.Globalization;

namespace TicketActors.Cli;

/// <summary>
/// Parsers for numeric options that say what is wrong in the user's words ("--users must be a whole number, not
/// 'abc'") instead of System.CommandLine's "as expected type 'System.Int32'". Ranges are checked by each command.
/// </summary>
public static class NumberOptions
{
    public static int Whole(ArgumentResult result) => ParseWhole(result) ?? 0;

    public static int? OptionalWhole(ArgumentResult result) => ParseWhole(result);

    /// <summary>A finite decimal number (seconds, a percentage).</summary>
    public static double Seconds(ArgumentResult result)
    {
        var token = Token(result);
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return seconds;
        }
        result.AddError($"{OptionName(result)} must be a number, not '{token}'");
        return 0;
    }

    private static int? ParseWhole(ArgumentResult result)
    {
        var token = Token(result);
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        result.AddError(long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? $"{OptionName(result)} is out of range: '{token}'"
            : $"{OptionName(result)} must be a whole number, not '{token}'");
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "the value";
}
