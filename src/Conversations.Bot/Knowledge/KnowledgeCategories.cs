namespace Conversations.Bot.Knowledge;

/// <summary>The FAQ categories shop bots group their knowledge by (DOMAIN.md).</summary>
public static class KnowledgeCategories
{
    public const string Chatting = "chatting";
    public const string Product = "product";
    public const string Promotion = "promotion";
    public const string Purchasing = "purchasing";
    public const string Logistics = "logistics";
    public const string AfterSales = "after_sales";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Chatting, Product, Promotion, Purchasing, Logistics, AfterSales, Other];

    /// <summary>True when <paramref name="category"/> is one of the known categories.</summary>
    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}
