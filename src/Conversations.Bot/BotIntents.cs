namespace Conversations.Bot;

/// <summary>The stable intent names of PROTOCOL.md.</summary>
public static class BotIntents
{
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string OrderStatus = "order_status";
    public const string ChangeAddress = "change_address";
    public const string CancelOrder = "cancel_order";
    public const string ReturnExchange = "return_exchange";
    public const string RefundStatus = "refund_status";
    public const string DamagedOrWrongItem = "damaged_or_wrong_item";
    public const string ProductQuestion = "product_question";
    public const string Promotion = "promotion";
    public const string PaymentIssue = "payment_issue";
    public const string Invoice = "invoice";
    public const string Complaint = "complaint";
    public const string HumanAgent = "human_agent";
    public const string Account = "account";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
    [
        Greeting, Thanks, OrderStatus, ChangeAddress, CancelOrder, ReturnExchange, RefundStatus, DamagedOrWrongItem,
        ProductQuestion, Promotion, PaymentIssue, Invoice, Complaint, HumanAgent, Account, Other,
    ];

    /// <summary>True when <paramref name="intent"/> is one of the stable names.</summary>
    public static bool IsKnown(string? intent) => intent is not null && All.Contains(intent, StringComparer.Ordinal);
}
