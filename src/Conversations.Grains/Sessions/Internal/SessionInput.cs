using Conversations.Abstractions;

namespace Conversations.Grains.Sessions.Internal;

/// <summary>Checks and cleans what callers send (PROTOCOL.md limits), refusing with E_BAD_REQUEST.</summary>
internal static class SessionInput
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxIdLength = 128;
    public const int MaxNoteLength = 1000;

    /// <summary>Message text without NUL characters, 1 to 4000 characters, not only whitespace.</summary>
    public static string Text(string? text)
    {
        var clean = StripNul(text);
        if (string.IsNullOrWhiteSpace(clean)) throw ConversationException.BadRequest("text is required.");
        if (clean.Length > MaxTextLength) throw ConversationException.BadRequest($"text is longer than {MaxTextLength} characters.");
        return clean;
    }

    public static string ClientMessageId(string? clientMessageId)
    {
        var clean = StripNul(clientMessageId);
        if (string.IsNullOrWhiteSpace(clean)) throw ConversationException.BadRequest("clientMessageId is required.");
        if (clean.Length > MaxClientMessageIdLength) throw ConversationException.BadRequest($"clientMessageId is longer than {MaxClientMessageIdLength} characters.");
        return clean;
    }

    /// <summary>An identifier (customer, agent, offer, connection…): required, at most <paramref name="maxLength"/> characters.</summary>
    public static string Id(string? value, string name, int maxLength = MaxIdLength)
    {
        var clean = StripNul(value);
        if (string.IsNullOrWhiteSpace(clean)) throw ConversationException.BadRequest($"{name} is required.");
        if (clean.Length > maxLength) throw ConversationException.BadRequest($"{name} is longer than {maxLength} characters.");
        return clean;
    }

    /// <summary>Optional free text (a reason, a comment): null when blank, refused when too long.</summary>
    public static string? Note(string? value, string name, int maxLength = MaxNoteLength)
    {
        var clean = StripNul(value);
        if (string.IsNullOrWhiteSpace(clean)) return null;
        if (clean.Length > maxLength) throw ConversationException.BadRequest($"{name} is longer than {maxLength} characters.");
        return clean;
    }

    public static string Language(string? language)
    {
        var clean = StripNul(language)?.Trim().ToLowerInvariant();
        return clean switch
        {
            "zh" or "en" => clean,
            _ => throw ConversationException.BadRequest($"language must be 'zh' or 'en', not '{language}'."),
        };
    }

    public static int Score(int score) =>
        score is >= 1 and <= 5 ? score : throw ConversationException.BadRequest($"score must be between 1 and 5, not {score}.");

    private static string? StripNul(string? value) =>
        value is null || !value.Contains('\0', StringComparison.Ordinal) ? value : value.Replace("\0", string.Empty, StringComparison.Ordinal);
}
