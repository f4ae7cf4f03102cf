namespace Conversations.Bot.Training;

/// <summary>One training example: a message, its label (an intent or a sentiment) and its language.</summary>
public sealed record LabeledText(string Text, string Label, string Language);
