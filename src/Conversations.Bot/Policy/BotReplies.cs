using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Sessions;

namespace Conversations.Bot.Policy;

/// <summary>
/// Builds and reads the bot's events in PROTOCOL.md's shapes: <c>message</c>, <c>quick_replies</c> with
/// <c>data.options</c> and <c>order_card</c> with <c>data.order</c> (camelCase JSON).
/// </summary>
public static class BotReplies
{
    /// <summary>The JSON settings of reply data: web defaults (camelCase), nulls left out.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static BotReply Message(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new BotReply(EventKinds.Message, text);
    }

    /// <summary>A <c>quick_replies</c> event: an optional prompt and the options (<c>data.options</c>).</summary>
    public static BotReply QuickReplies(string? prompt, IReadOnlyList<QuickReplyOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0) throw new ArgumentException("A quick_replies event needs at least one option.", nameof(options));
        return new BotReply(EventKinds.QuickReplies, prompt, JsonSerializer.SerializeToElement(new QuickRepliesData(options, null, null), Json));
    }

    /// <summary>An <c>order_card</c> event (<c>data.order</c>).</summary>
    public static BotReply OrderCard(OrderCard card, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new BotReply(EventKinds.OrderCard, text, JsonSerializer.SerializeToElement(new OrderCardData(card), Json));
    }

    /// <summary>The options of a <c>quick_replies</c> event's data; empty when there are none.</summary>
    public static IReadOnlyList<QuickReplyOption> OptionsOf(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } element || !element.TryGetProperty("options", out var options)
            || options.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return options.Deserialize<List<QuickReplyOption>>(Json) ?? [];
    }

    /// <summary>The order of an <c>order_card</c> event's data, or null.</summary>
    public static OrderCard? OrderOf(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Object
            ? order.Deserialize<OrderCard>(Json)
            : null;

    /// <summary>
    /// Quick replies that also remember what the bot is waiting for (<c>data.awaiting</c>, e.g. an order
    /// number for <c>data.intent</c>), so the customer's answer continues the same request.
    /// </summary>
    internal static BotReply QuickReplies(string? prompt, IReadOnlyList<QuickReplyOption> options, string? awaiting, string? intent) =>
        new(EventKinds.QuickReplies, prompt, JsonSerializer.SerializeToElement(new QuickRepliesData(options, awaiting, intent), Json));

    /// <summary>A message that remembers what the bot is waiting for, when there is nothing to offer as quick replies.</summary>
    internal static BotReply Awaiting(string text, string awaiting, string intent) =>
        new(EventKinds.Message, text, JsonSerializer.SerializeToElement(new AwaitingData(awaiting, intent), Json));

    private sealed record QuickRepliesData(IReadOnlyList<QuickReplyOption> Options, string? Awaiting, string? Intent);

    private sealed record OrderCardData(OrderCard Order);

    private sealed record AwaitingData(string Awaiting, string Intent);
}
