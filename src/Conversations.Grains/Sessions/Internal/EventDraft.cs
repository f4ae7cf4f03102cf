using System.Text.Json;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Sessions.Internal;

/// <summary>An event before the session gives it a seq and a time.</summary>
internal sealed record EventDraft(string Kind, Sender Sender, string? Text = null, JsonElement? Data = null, string? ClientMessageId = null);
