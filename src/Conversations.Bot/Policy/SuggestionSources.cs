namespace Conversations.Bot.Policy;

/// <summary>Where an agent-assist suggestion came from (<c>Suggestion.Source</c>).</summary>
public static class SuggestionSources
{
    /// <summary>A knowledge-base answer to one of the customer's recent messages.</summary>
    public const string Knowledge = "knowledge";

    /// <summary>A draft written from the customer's order data (status, return eligibility, refund timing).</summary>
    public const string Order = "order";
}
