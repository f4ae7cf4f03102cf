using Conversations.Bot.Entities;

namespace Conversations.Bot.Policy;

/// <summary>
/// How the shop's bot decides (configuration section <c>Conversations:Bot</c>): when it is sure enough to
/// answer, when it hands a conversation to a person, how it recognises order numbers, and the wording of
/// what it promises. The NLU settings it shares are passed on through <see cref="ToAnalyzerOptions"/>.
/// </summary>
public sealed class BotPolicyOptions
{
    public const string SectionName = "Conversations:Bot";

    /// <summary>Below this intent confidence the bot asks a clarifying question instead of acting (DOMAIN.md: 70%).</summary>
    public double ConfidenceThreshold { get; set; } = 0.7;

    /// <summary>When the two most likely intents are closer than this, the bot asks which one is meant.</summary>
    public double ClarificationMargin { get; set; } = 0.2;

    /// <summary>Anger score at or above which a message counts as angry and goes to a person with priority.</summary>
    public double AngerThreshold { get; set; } = 0.45;

    /// <summary>
    /// Confidence an explicit request for a person or a complaint needs to be acted on even when the
    /// bot is otherwise unsure: asking "did you want a person?" of someone who asked for one only annoys.
    /// </summary>
    public double HandoffIntentMinConfidence { get; set; } = 0.5;

    /// <summary>
    /// The shop's order number formats (regular expressions, case-insensitive; a group named <c>id</c> is the
    /// value). Empty means the defaults: 16–19 digits, or "SO" and 8–12 digits.
    /// </summary>
    public IList<string> OrderNumberPatterns { get; set; } = [];

    /// <summary>A knowledge-base hit whose matched question covers at least this share of the message is answered.</summary>
    public double KnowledgeMinCoverage { get; set; } = 0.5;

    /// <summary>A hit on an entry written for the message's own intent (other than <c>other</c>) needs only this coverage.</summary>
    public double KnowledgeIntentMinCoverage { get; set; } = 0.2;

    /// <summary>
    /// A hit covering at least this share of the message is answered even when the intent is unsure, or is
    /// an order question asked without an order ("do you deliver to Xinjiang").
    /// </summary>
    public double KnowledgeDirectCoverage { get; set; } = 0.8;

    /// <summary>Extra queue priority (raw points, on top of the queue's own mood points) for an angry customer.</summary>
    public int AngerPriorityBoost { get; set; } = 50;

    /// <summary>Extra queue priority for a complaint.</summary>
    public int ComplaintPriorityBoost { get; set; } = 25;

    /// <summary>Extra queue priority for a VIP or SVIP customer with a complex issue.</summary>
    public int VipComplexPriorityBoost { get; set; } = 25;

    /// <summary>Hand VIP and SVIP customers with complex issues (damage, payment, refund trouble, repeat contact) to a person.</summary>
    public bool VipComplexHandoff { get; set; } = true;

    /// <summary>Most quick replies in one set (recent orders offered, candidate intents, related questions).</summary>
    public int MaxQuickReplies { get; set; } = 5;

    /// <summary>Customer messages, newest first, that agent-assist suggestions are drawn from.</summary>
    public int SuggestionMessages { get; set; } = 3;

    /// <summary>Most suggestions returned to an agent.</summary>
    public int MaxSuggestions { get; set; } = 5;

    /// <summary>The shop's clock for dates the bot says ("+08:00", Beijing time).</summary>
    public TimeSpan DisplayUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long an unpaid order waits before it is cancelled automatically (said when a customer asks about one).</summary>
    public TimeSpan UnpaidOrderCancelAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// What the bot says when the order policy owes compensation; <c>{amount}</c> becomes the amount with its
    /// currency ("¥10").
    /// </summary>
    public LocalizedText CompensationWording { get; set; } = new(
        "As an apology, we're giving you a {amount} no-threshold coupon, usable on any order.",
        "为表歉意，我们给您补偿一张{amount}无门槛优惠券，下单可直接使用。");

    /// <summary>The shop's name in greetings.</summary>
    public LocalizedText ShopName { get; set; } = new("Lumi", "露米 Lumi");

    /// <summary>The bot's own name in greetings.</summary>
    public LocalizedText AssistantName { get; set; } = new("Lulu", "小露");

    /// <summary>Explain slower shipping honestly for orders paid during a sale (<see cref="SalePeriods"/>).</summary>
    public bool ExplainSaleDelays { get; set; } = true;

    /// <summary>The yearly sales; empty means the defaults, 618 (06-01 to 06-20) and 11.11 (11-01 to 11-13).</summary>
    public IList<SalePeriod> SalePeriods { get; set; } = [];

    /// <summary>The sale periods in force: <see cref="SalePeriods"/>, or the defaults when none are configured.</summary>
    public IReadOnlyList<SalePeriod> EffectiveSalePeriods =>
        SalePeriods is { Count: > 0 } configured
            ? [.. configured]
            :
            [
                new SalePeriod { Name = new LocalizedText("the 618 sale", "618 大促"), From = "06-01", To = "06-20" },
                new SalePeriod { Name = new LocalizedText("the 11.11 sale", "双 11 大促"), From = "11-01", To = "11-13" },
            ];

    /// <summary>The order number patterns in force: <see cref="OrderNumberPatterns"/>, or the defaults.</summary>
    public IReadOnlyList<string> EffectiveOrderNumberPatterns =>
        OrderNumberPatterns is { Count: > 0 } configured ? [.. configured] : EntityExtractorOptions.DefaultOrderIdPatterns;

    /// <summary>The NLU settings these options imply, so the analyser and the policy agree on thresholds and formats.</summary>
    public BotAnalyzerOptions ToAnalyzerOptions() => new()
    {
        ClarificationThreshold = ConfidenceThreshold,
        ClarificationMargin = ClarificationMargin,
        AngerThreshold = AngerThreshold,
        Entities = new EntityExtractorOptions { OrderIdPatterns = [.. EffectiveOrderNumberPatterns] },
    };
}
