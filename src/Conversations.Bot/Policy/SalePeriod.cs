namespace Conversations.Bot.Policy;

/// <summary>
/// A yearly sale (618, 11.11) during which warehouses overflow: orders paid between <see cref="From"/> and
/// <see cref="To"/> (month-day, "MM-dd", inclusive, shop time) get an honest word about the slower shipping.
/// </summary>
public sealed class SalePeriod
{
    public LocalizedText Name { get; set; } = new();

    /// <summary>First day, "MM-dd".</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>Last day, "MM-dd" (may be earlier in the year than <see cref="From"/> for a sale spanning New Year).</summary>
    public string To { get; set; } = string.Empty;
}
