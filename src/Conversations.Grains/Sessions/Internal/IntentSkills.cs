using Conversations.Abstractions.Queues;

namespace Conversations.Grains.Sessions.Internal;

/// <summary>Which skill's queue an intent belongs to (PROTOCOL.md routing vocabulary).</summary>
internal static class IntentSkills
{
    public static string SkillFor(string? intent) => intent switch
    {
        "order_status" or "change_address" or "cancel_order" or "return_exchange" or "refund_status"
            or "damaged_or_wrong_item" or "payment_issue" or "invoice" => "aftersales",
        "product_question" or "promotion" => "presales",
        "complaint" => "complaints",
        _ => "general",
    };

    /// <summary>The skill asked for when it is a known one, else the intent's.</summary>
    public static string Resolve(string? requested, string? intent) =>
        requested is not null && QueueNames.Skills.Contains(requested) ? requested : SkillFor(intent);

    /// <summary>
    /// Whether an intent says what the conversation is about; greetings, thanks and asking for a person
    /// do not, so they never replace the topic the agent should see.
    /// </summary>
    public static bool IsTopical(string? intent) => intent is not (null or "" or "greeting" or "thanks" or "other" or "human_agent");
}
