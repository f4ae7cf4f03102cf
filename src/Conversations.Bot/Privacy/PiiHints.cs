namespace Conversations.Bot.Privacy;

/// <summary>Personal values known from the order or profile (recipient names, street addresses) to mask wherever they appear.</summary>
public sealed record PiiHints(IReadOnlyList<string>? Names = null, IReadOnlyList<string>? Addresses = null);
