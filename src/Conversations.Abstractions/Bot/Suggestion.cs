namespace Conversations.Abstractions.Bot;

/// <summary>A reply suggested to an agent: the text, where it came from (knowledge base, order data), and how sure.</summary>
public sealed record Suggestion(string Text, string Source, double Confidence);
