using System.Globalization;
using Conversations.Abstractions;

namespace Conversations.Server.Api;

/// <summary>Checks ids taken from REST paths.</summary>
public static class RouteInput
{
    public const int MaxIdLength = 128;

    public static string Id(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) throw ConversationException.BadRequest($"{name} is required.");
        if (value.Length > MaxIdLength) throw ConversationException.BadRequest($"{name} is longer than {MaxIdLength} characters.");
        if (value.Any(char.IsControl)) throw ConversationException.BadRequest($"{name} contains control characters.");
        return value;
    }

    /// <summary>An optional whole number from the query string; null when absent.</summary>
    public static long? Number(string? value, string name, long max = long.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number <= max
            ? number
            : throw ConversationException.BadRequest($"{name} must be a whole number.");
    }
}
