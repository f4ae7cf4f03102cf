namespace Conversations.Bot.Policy;

/// <summary>One tap-to-send card of a <c>quick_replies</c> event (<c>data.options</c>): what it shows and the message it sends.</summary>
public sealed record QuickReplyOption(string Label, string Text);
