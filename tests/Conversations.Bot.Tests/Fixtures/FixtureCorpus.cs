using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Fixtures;

/// <summary>Small hand-written training sets, independent of the shipped data files.</summary>
internal static class FixtureCorpus
{
    public static IReadOnlyList<LabeledText> Intents { get; } =
    [
        .. Label(BotIntents.OrderStatus, "en",
            "where is my order", "where is my package", "has my order shipped yet", "when will my parcel arrive",
            "my order still hasn't arrived", "track my order please", "when will you ship my order", "any update on my delivery",
            "where's my stuff", "how long until my package gets here", "is my order on the way", "check my shipping status",
            "why hasn't my order shipped", "order status please", "when does my package arrive"),
        .. Label(BotIntents.OrderStatus, "zh",
            "我的订单到哪了", "快递到哪里了", "什么时候发货", "怎么还没发货", "物流怎么不动了", "包裹什么时候到", "帮我查一下物流",
            "订单发货了吗", "快递几天能到", "催一下发货", "我的货到哪了", "查下订单状态", "还没收到货", "发货了没有", "物流信息怎么没更新"),
        .. Label(BotIntents.RefundStatus, "en",
            "where is my refund", "when will i get my money back", "refund still not received", "has my refund been processed",
            "how long does the refund take", "i haven't got my refund yet", "refund status please", "my money hasn't come back",
            "when will the refund arrive", "is my refund done", "check my refund", "the refund is taking forever",
            "did you send my refund", "refund not in my account", "how many days for the refund"),
        .. Label(BotIntents.RefundStatus, "zh",
            "退款什么时候到账", "我的退款到哪了", "钱怎么还没退回来", "退款进度查一下", "退款多久能到", "还没收到退款", "退款处理了吗",
            "退的钱什么时候到", "退款一直没到账", "查一下退款", "退款状态", "钱退了吗", "退款几天到", "怎么还没退款", "退款到账了没"),
        .. Label(BotIntents.Greeting, "en",
            "hi", "hello", "hey there", "good morning", "hi, anyone there?", "hello, can you help me", "hey", "good evening",
            "hiya", "morning", "hello there", "hi team", "yo", "greetings", "hey, is someone there"),
        .. Label(BotIntents.Greeting, "zh",
            "你好", "在吗", "您好", "早上好", "亲在吗", "有人吗", "哈喽", "晚上好", "客服你好", "你好呀", "在不在", "嗨", "亲", "下午好", "有人在吗"),
        .. Label(BotIntents.CancelOrder, "en",
            "cancel my order", "i want to cancel my order", "please cancel it", "can i cancel this order", "i changed my mind, cancel",
            "how do i cancel an order", "cancel the purchase", "i ordered by mistake, cancel it", "stop my order",
            "i don't want it anymore, cancel", "cancel order please", "need to cancel", "can you cancel my purchase",
            "cancel before it ships", "i want to cancel"),
        .. Label(BotIntents.CancelOrder, "zh",
            "取消订单", "我要取消订单", "帮我取消一下", "不想要了取消吧", "订单能取消吗", "拍错了取消", "怎么取消订单", "取消这个订单",
            "我不要了帮我取消", "还没发货能取消吗", "申请取消订单", "下错单了取消", "取消购买", "把订单取消掉", "可以取消吗"),
    ];

    public static IReadOnlyList<LabeledText> Sentiments { get; } =
    [
        .. Label(SentimentLabels.Positive, "en",
            "thanks so much, great service", "love it, thank you", "awesome, that was fast", "perfect, thanks a lot",
            "you guys are great", "very happy with the purchase", "excellent quality", "thank you, very helpful",
            "great, problem solved", "wonderful, i'm satisfied", "brilliant, cheers", "so happy with it"),
        .. Label(SentimentLabels.Positive, "zh",
            "谢谢亲，服务很好", "太棒了，很满意", "质量很好，好评", "发货真快，赞", "非常感谢", "很喜欢，谢谢", "客服态度真好", "好的谢谢，辛苦了",
            "东西不错，满意", "物流很快，点赞", "完美，谢谢", "很开心"),
        .. Label(SentimentLabels.Neutral, "en",
            "where is my order", "what is the return policy", "do you ship to canada", "how do i change my address",
            "what sizes do you have", "is this in stock", "can i get an invoice", "what are your hours",
            "i want to check my order", "how long is shipping", "which colour is available", "do you have a coupon"),
        .. Label(SentimentLabels.Neutral, "zh",
            "我的订单到哪了", "怎么退货", "可以开发票吗", "有优惠券吗", "什么时候发货", "这个有货吗", "怎么修改地址", "支持货到付款吗",
            "尺码怎么选", "发什么快递", "几天能到", "可以改颜色吗"),
        .. Label(SentimentLabels.Negative, "en",
            "a bit disappointed with the quality", "this is taking too long", "not happy with the colour", "still waiting, kind of annoying",
            "the fit is off, disappointed", "i expected better", "delivery was slow", "i'm worried it got lost",
            "nobody answered me yesterday", "the item looks cheap", "not what i expected", "unhappy with the service"),
        .. Label(SentimentLabels.Negative, "zh",
            "有点失望", "等了好久还没到", "颜色不太对，不满意", "质量一般般", "物流太慢了", "有点担心丢件了", "跟图片不一样", "客服回复好慢",
            "不太满意", "东西有点旧", "等得有点着急", "感觉不值这个价"),
        .. Label(SentimentLabels.Angry, "en",
            "this is a scam!!!", "you are thieves, give me my money back", "WHERE IS MY ORDER??? 3 WEEKS!!!", "worst service ever, i'll sue you",
            "what the hell is wrong with you people", "i'm reporting you to the authorities", "this is fucking ridiculous",
            "GIVE ME MY MONEY BACK NOW", "you stole my money, frauds", "i'm filing a chargeback, idiots", "total bullshit",
            "are you kidding me??? unacceptable"),
        .. Label(SentimentLabels.Angry, "zh",
            "你们是骗子吧！！！", "什么垃圾服务，我要投诉", "再不退款我就打12315", "气死我了，到底怎么回事", "你们这是黑店", "太过分了，给个说法",
            "我要给差评，垃圾", "妈的，等了半个月", "忍无可忍，我要曝光你们", "退钱！！！", "脑残客服", "我要报警了"),
    ];

    private static IEnumerable<LabeledText> Label(string label, string language, params string[] texts) =>
        texts.Select(text => new LabeledText(text, label, language));
}
