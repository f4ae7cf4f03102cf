namespace Conversations.Bot.Policy;

/// <summary>Which agents' skill a conversation needs, from its intent (PROTOCOL.md routing vocabulary).</summary>
public static class HandoffSkills
{
    public const string Presales = "presales";
    public const string Aftersales = "aftersales";
    public const string Complaints = "complaints";
    public const string General = "general";

    /// <summary>presales for products and promotions, aftersales for orders, payments and invoices, complaints, else general.</summary>
    public static string For(string? intent) => intent switch
    {
        BotIntents.ProductQuestion or BotIntents.Promotion => Presales,
        BotIntents.ReturnExchange or BotIntents.RefundStatus or BotIntents.DamagedOrWrongItem or BotIntents.OrderStatus
            or BotIntents.ChangeAddress or BotIntents.CancelOrder or BotIntents.PaymentIssue or BotIntents.Invoice => Aftersales,
        BotIntents.Complaint => Complaints,
        _ => General,
    };
}
