using System.Text.Json;
using Conversations.Abstractions.Sessions;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// What the bot's previous turn asked the customer for (an order number, which problem) and for which
/// intent, read back from the transcript: the bot keeps no memory of its own, the session's events are it.
/// </summary>
internal sealed record PendingRequest(string Awaiting, string Intent)
{
    public const string OrderNumber = "order_id";

    public const string Problem = "problem";

    /// <summary>
    /// The request in the bot's events since the customer's previous message, if any. The current
    /// message may or may not already be in <paramref name="recent"/>; both are handled.
    /// </summary>
    public static PendingRequest? From(IReadOnlyList<ConversationEvent> recent, string currentText)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var i = recent.Count - 1;
        if (i >= 0 && IsCustomerMessage(recent[i]) && recent[i].Text == currentText) i--;
        for (; i >= 0; i--)
        {
            var e = recent[i];
            if (IsCustomerMessage(e)) return null;
            if (e.Sender.Role != SenderRoles.Bot) continue;
            if (e.Data is { ValueKind: JsonValueKind.Object } data
                && data.TryGetProperty("awaiting", out var awaiting) && awaiting.ValueKind == JsonValueKind.String
                && data.TryGetProperty("intent", out var intent) && intent.ValueKind == JsonValueKind.String
                && BotIntents.IsKnown(intent.GetString()))
            {
                return new PendingRequest(awaiting.GetString()!, intent.GetString()!);
            }
        }

        return null;
    }

    /// <summary>The customer's messages, newest first, the current one included.</summary>
    public static IEnumerable<string> CustomerMessages(IReadOnlyList<ConversationEvent> recent)
    {
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            if (IsCustomerMessage(recent[i]) && !string.IsNullOrWhiteSpace(recent[i].Text)) yield return recent[i].Text!;
        }
    }

    private static bool IsCustomerMessage(ConversationEvent e) => e.Kind == EventKinds.Message && e.Sender.Role == SenderRoles.Customer;
}
