namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// The quick-reply card for each intent the bot can act on: a short label, and a message plain enough
/// that the classifier reads it back as that intent with confidence when the customer taps it.
/// </summary>
internal static class IntentPrompts
{
    private static readonly Dictionary<string, (string LabelEn, string TextEn, string LabelZh, string TextZh)> s_prompts = new(StringComparer.Ordinal)
    {
        [BotIntents.OrderStatus] = ("Where's my order", "Where is my order?", "查订单物流", "我的订单到哪了？"),
        [BotIntents.ReturnExchange] = ("Returns & exchanges", "I want to return or exchange an item", "退换货", "我想退货或者换货"),
        [BotIntents.RefundStatus] = ("Refund progress", "When will I get my refund?", "退款进度", "退款什么时候到账？"),
        [BotIntents.DamagedOrWrongItem] = ("Damaged / wrong item", "My item arrived damaged or wrong", "破损/错发/漏发", "收到的商品破损了或者发错了"),
        [BotIntents.CancelOrder] = ("Cancel an order", "I want to cancel my order", "取消订单", "我要取消订单"),
        [BotIntents.ChangeAddress] = ("Change address", "I need to change my delivery address", "修改地址", "我要修改收货地址"),
        [BotIntents.ProductQuestion] = ("Product questions", "What material is this?", "商品咨询", "这件衣服是什么材质"),
        [BotIntents.Promotion] = ("Coupons & deals", "What coupons can I use?", "优惠券", "有什么优惠券可以用？"),
        [BotIntents.PaymentIssue] = ("Payment problem", "I paid but the order still says unpaid", "付款问题", "付款了订单还显示待付款"),
        [BotIntents.Invoice] = ("Invoice", "Can I get an invoice?", "开发票", "怎么开发票？"),
        [BotIntents.Account] = ("Account & privacy", "How do I delete my account?", "账号与隐私", "怎么注销账号"),
        [BotIntents.Complaint] = ("Make a complaint", "I want to make a complaint", "投诉", "我要投诉"),
        [BotIntents.HumanAgent] = ("Talk to a person", "Talk to a person", "转人工", "转人工"),
    };

    /// <summary>The welcome cards: the questions customers ask most (DOMAIN.md), and a way to a person.</summary>
    public static IReadOnlyList<string> WelcomeIntents { get; } =
        [BotIntents.OrderStatus, BotIntents.ReturnExchange, BotIntents.DamagedOrWrongItem, BotIntents.Promotion, BotIntents.HumanAgent];

    /// <summary>A plain phrasing of a chatting intent, to find its knowledge entry when the customer's own words match none.</summary>
    public static string Canonical(string intent, Speech speech) => intent switch
    {
        BotIntents.Greeting => speech.T("hello", "你好"),
        BotIntents.Thanks => speech.T("thank you", "谢谢"),
        _ => Has(intent) ? For(intent, speech).Text : intent,
    };

    public static bool Has(string intent) => s_prompts.ContainsKey(intent);

    public static QuickReplyOption For(string intent, Speech speech)
    {
        var p = s_prompts[intent];
        return speech.IsChinese ? new QuickReplyOption(p.LabelZh, p.TextZh) : new QuickReplyOption(p.LabelEn, p.TextEn);
    }

    /// <summary>Every intent with a card (for tests that check each one reads back as itself).</summary>
    public static IReadOnlyCollection<string> Intents => s_prompts.Keys;
}
