using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Hosting;

namespace Conversations.Server.Hubs;

/// <summary>Reads and checks hub arguments; every problem is an E_BAD_REQUEST naming the field.</summary>
public static class HubInput
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxIdLength = 128;
    public const int MaxNoteLength = 1000;
    public const int MaxHistoryLimit = 1000;
    public const int DefaultHistoryLimit = 500;
    private const int MaxListLength = 16;
    private const int MaxWordLength = 32;

    public static T Parse<T>(JsonElement argument) where T : class
    {
        if (argument.ValueKind != JsonValueKind.Object) throw ConversationException.BadRequest("the argument must be a JSON object.");
        try
        {
            return argument.Deserialize<T>(ServerJson.Options) ?? throw ConversationException.BadRequest("the argument must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ConversationException.BadRequest($"the argument has a field of the wrong type ({e.Path ?? "$"}).");
        }
    }

    /// <summary>A required identifier: trimmed, 1 to <paramref name="maxLength"/> characters, no control characters.</summary>
    public static string Id(string? value, string name, int maxLength = MaxIdLength) =>
        OptionalId(value, name, maxLength) ?? throw ConversationException.BadRequest($"{name} is required.");

    public static string? OptionalId(string? value, string name, int maxLength = MaxIdLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var clean = value.Trim();
        if (clean.Length > maxLength) throw ConversationException.BadRequest($"{name} is longer than {maxLength} characters.");
        if (clean.Any(char.IsControl)) throw ConversationException.BadRequest($"{name} contains control characters.");
        return clean;
    }

    public static string ClientMessageId(string? value) => Id(value, "clientMessageId", MaxClientMessageIdLength);

    /// <summary>Message text: required, not blank, at most 4000 characters (counted before trimming, as the client sent it).</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw ConversationException.BadRequest("text is required.");
        if (value.Length > MaxTextLength) throw ConversationException.BadRequest($"text is longer than {MaxTextLength} characters.");
        return value;
    }

    /// <summary>Optional free text (a reason, a comment) of at most <paramref name="maxLength"/> characters.</summary>
    public static string? Note(string? value, string name, int maxLength = MaxNoteLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length > maxLength) throw ConversationException.BadRequest($"{name} is longer than {maxLength} characters.");
        return value.Trim();
    }

    /// <summary>A required lower-case word (channel, queue, resolution code).</summary>
    public static string Word(string? value, string name, int maxLength = MaxWordLength) => Id(value, name, maxLength).ToLowerInvariant();

    public static string? Language(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var clean = value.Trim().ToLowerInvariant();
        return clean is "zh" or "en" ? clean : throw ConversationException.BadRequest($"language must be 'zh' or 'en', not '{Shorten(value)}'.");
    }

    /// <summary>A required, non-empty list of words (skills, languages).</summary>
    public static IReadOnlyList<string> Words(IReadOnlyList<string>? values, string name)
    {
        if (values is null || values.Count == 0) throw ConversationException.BadRequest($"{name} must list at least one value.");
        if (values.Count > MaxListLength) throw ConversationException.BadRequest($"{name} lists more than {MaxListLength} values.");
        return values.Select((v, i) => Word(v, $"{name}[{i}]")).Distinct(StringComparer.Ordinal).ToList();
    }

    public static long AfterSeq(long? value) =>
        value is null or >= 0 ? value ?? 0 : throw ConversationException.BadRequest("afterSeq must not be negative.");

    public static int Limit(int? value) =>
        value is null ? DefaultHistoryLimit
        : value is >= 1 and <= MaxHistoryLimit ? value.Value
        : throw ConversationException.BadRequest($"limit must be between 1 and {MaxHistoryLimit}.");

    public static string StatusName(SessionStatus status) => status.ToString().ToLowerInvariant();

    public static string StatusName(AgentStatus status) => status.ToString().ToLowerInvariant();

    private static string Shorten(string value) => value.Length <= 16 ? value : value[..16] + "…";
}
