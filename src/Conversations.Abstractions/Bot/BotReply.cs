using System.Text.Json;

namespace Conversations.Abstractions.Bot;

/// <summary>One event the bot adds: a message, quick replies (<c>data.options</c>) or an order card (<c>data.order</c>).</summary>
public sealed record BotReply(string Kind, string? Text, JsonElement? Data = null);
