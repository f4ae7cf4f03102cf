using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Knowledge;

namespace Conversations.Bot.Tests.Knowledge;

public sealed class KnowledgeBaseTests
{
    private static readonly KnowledgeEntry ReturnShipping = new(
        "kb-zh-return-shipping", KnowledgeCategories.AfterSales, "zh", BotIntents.ReturnExchange,
        ["退货运费谁出", "退货要自己付运费吗", "七天无理由退货邮费谁承担"], "质量问题运费由店铺承担；七天无理由退货运费由买家承担。");

    private static readonly KnowledgeEntry RefundTime = new(
        "kb-zh-refund-time", KnowledgeCategories.AfterSales, "zh", BotIntents.RefundStatus,
        ["退款多久到账", "退款什么时候到", "钱多久退回来"], "未发货订单1小时内退款，退货签收后24小时内退款。");

    private static readonly KnowledgeEntry ShippingTime = new(
        "kb-zh-shipping-time", KnowledgeCategories.Logistics, "zh", BotIntents.OrderStatus,
        ["什么时候发货", "多久发货", "下单后几天发货"], "付款后48小时内发货。");

    private static readonly KnowledgeEntry EnglishRefund = new(
        "kb-en-refund-time", KnowledgeCategories.AfterSales, "en", BotIntents.RefundStatus,
        ["how long does a refund take", "when will i get my money back"], "Refunds reach you within 24 hours of approval.");

    private static readonly KnowledgeEntry EnglishShipping = new(
        "kb-en-shipping-time", KnowledgeCategories.Logistics, "en", BotIntents.OrderStatus,
        ["when will my order ship", "how long does shipping take"], "We ship within 48 hours of payment.");

    private static KnowledgeBase CreateFilled()
    {
        var knowledgeBase = new KnowledgeBase();
        knowledgeBase.UpsertRange([ReturnShipping, RefundTime, ShippingTime, EnglishRefund, EnglishShipping]);
        return knowledgeBase;
    }

    [Fact]
    public void Search_Chinese_RanksTheMatchingEntryFirst()
    {
        var hits = CreateFilled().Search("请问退货的运费是谁出呀", "zh");

        Assert.Equal("kb-zh-return-shipping", hits[0].Entry.Id);
        Assert.Equal("退货运费谁出", hits[0].MatchedQuestion);
        Assert.True(hits[0].Score > (hits.Count > 1 ? hits[1].Score : 0));
    }

    [Fact]
    public void Search_EnglishWithTypo_StillFindsTheEntry()
    {
        var hits = CreateFilled().Search("how long dose a refnd take", "en");

        Assert.Equal("kb-en-refund-time", hits[0].Entry.Id);
    }

    [Fact]
    public void Search_OnlyReturnsEntriesOfTheRequestedLanguage()
    {
        var hits = CreateFilled().Search("refund 退款", "en");

        Assert.All(hits, h => Assert.Equal("en", h.Entry.Language));
    }

    [Fact]
    public void Search_IntentMatch_LiftsTheEntryOfThatIntentToTheTop()
    {
        // "多久" (how long) fits both the refund and the shipping entry; the intent decides.
        var knowledgeBase = CreateFilled();

        var refund = knowledgeBase.Search("多久", "zh", BotIntents.RefundStatus);
        var shipping = knowledgeBase.Search("多久", "zh", BotIntents.OrderStatus);

        Assert.Equal("kb-zh-refund-time", refund[0].Entry.Id);
        Assert.Equal("kb-zh-shipping-time", shipping[0].Entry.Id);
    }

    [Fact]
    public void Search_NothingInCommon_ReturnsNoHits()
    {
        Assert.Empty(CreateFilled().Search("晴朗的早晨", "zh"));
    }

    [Fact]
    public void Search_Top_LimitsTheNumberOfHits()
    {
        Assert.Single(CreateFilled().Search("退款 退货 发货", "zh", top: 1));
    }

    [Fact]
    public void Search_CoverageReflectsHowMuchOfTheQueryMatched()
    {
        var knowledgeBase = CreateFilled();

        var exact = knowledgeBase.Search("退款多久到账", "zh")[0];
        var partial = knowledgeBase.Search("退款多久到账，另外我想问问你们店铺的营业执照", "zh")[0];

        Assert.InRange(exact.Coverage, 0.95, 1.0);
        Assert.InRange(partial.Coverage, 0.0, 0.6);
    }

    [Theory]
    [InlineData("", "zh", null, 5)]
    [InlineData("退款", "fr", null, 5)]
    [InlineData("退款", "zh", "shopping", 5)]
    [InlineData("退款", "zh", null, 0)]
    public void Search_InvalidArguments_Throw(string text, string language, string? intent, int top)
    {
        Assert.ThrowsAny<ArgumentException>(() => CreateFilled().Search(text, language, intent, top));
    }

    [Fact]
    public void Upsert_ExistingId_ReplacesTheEntryAndItsQuestions()
    {
        var knowledgeBase = CreateFilled();

        knowledgeBase.Upsert(ShippingTime with { Questions = ["顺丰还是圆通"], Answer = "默认发顺丰。" });

        Assert.Equal(5, knowledgeBase.Count);
        Assert.Equal("默认发顺丰。", knowledgeBase.Get("kb-zh-shipping-time")!.Answer);
        Assert.Equal("kb-zh-shipping-time", knowledgeBase.Search("发顺丰吗", "zh")[0].Entry.Id);
        Assert.DoesNotContain(knowledgeBase.Search("多久发货", "zh"), h => h.Entry.Id == "kb-zh-shipping-time");
    }

    [Fact]
    public void Delete_RemovesTheEntryFromGetListAndSearch()
    {
        var knowledgeBase = CreateFilled();

        Assert.True(knowledgeBase.Delete("kb-zh-refund-time"));
        Assert.False(knowledgeBase.Delete("kb-zh-refund-time"));

        Assert.Null(knowledgeBase.Get("kb-zh-refund-time"));
        Assert.DoesNotContain(knowledgeBase.List(), e => e.Id == "kb-zh-refund-time");
        Assert.DoesNotContain(knowledgeBase.Search("退款多久到账", "zh"), h => h.Entry.Id == "kb-zh-refund-time");
    }

    [Fact]
    public void ReplaceAll_KeepsOnlyTheGivenEntries_AndALanguageLeftEmptyMatchesNothing()
    {
        var knowledgeBase = CreateFilled();

        knowledgeBase.ReplaceAll([RefundTime, ShippingTime with { Answer = "付款后24小时内发货。" }]);

        Assert.Equal(["kb-zh-refund-time", "kb-zh-shipping-time"], knowledgeBase.List().Select(e => e.Id));
        Assert.Equal("付款后24小时内发货。", knowledgeBase.Search("多久发货", "zh")[0].Entry.Answer);
        Assert.Empty(knowledgeBase.Search("how long does a refund take", "en"));
    }

    [Fact]
    public void ReplaceAll_OneInvalidEntry_ChangesNothing()
    {
        var knowledgeBase = CreateFilled();

        Assert.Throws<ArgumentException>(() => knowledgeBase.ReplaceAll([RefundTime with { Answer = " " }]));

        Assert.Equal(5, knowledgeBase.Count);
    }

    [Fact]
    public void List_FiltersByLanguageAndCategoryOrderedById()
    {
        var knowledgeBase = CreateFilled();

        Assert.Equal(["kb-zh-refund-time", "kb-zh-return-shipping"], knowledgeBase.List("zh", KnowledgeCategories.AfterSales).Select(e => e.Id));
        Assert.Equal(2, knowledgeBase.List(language: "en").Count);
    }

    [Fact]
    public void Upsert_CallerMutatesItsList_PublishedEntryDoesNotChange()
    {
        var questions = new List<string> { "发票怎么开" };
        var knowledgeBase = new KnowledgeBase();
        knowledgeBase.Upsert(new KnowledgeEntry("kb-invoice", KnowledgeCategories.Purchasing, "zh", null, questions, "在订单详情页申请。"));

        questions.Add("changed");

        Assert.Equal(["发票怎么开"], knowledgeBase.Get("kb-invoice")!.Questions);
    }

    public static TheoryData<KnowledgeEntry, string> InvalidEntries => new()
    {
        { ShippingTime with { Id = " " }, "id must not be empty" },
        { ShippingTime with { Category = "shipping" }, "category 'shipping' is not one of" },
        { ShippingTime with { Language = "fr" }, "language 'fr'" },
        { ShippingTime with { Intent = "where_is_it" }, "intent 'where_is_it'" },
        { ShippingTime with { Questions = [] }, "at least one question" },
        { ShippingTime with { Questions = ["ok", " "] }, "must not contain empty strings" },
        { ShippingTime with { Answer = "" }, "answer must not be empty" },
        { ShippingTime with { Related = ["a", "b", "c", "d", "e", "f"] }, "at most 5" },
        { ShippingTime with { Related = ["kb-zh-shipping-time"] }, "itself" },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public void Upsert_InvalidEntry_ThrowsWithAClearMessage(KnowledgeEntry entry, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new KnowledgeBase().Upsert(entry));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UpsertRange_OneInvalidEntry_ChangesNothing()
    {
        var knowledgeBase = new KnowledgeBase();

        Assert.Throws<ArgumentException>(() => knowledgeBase.UpsertRange([RefundTime, ShippingTime with { Answer = " " }]));

        Assert.Equal(0, knowledgeBase.Count);
    }

    [Fact]
    public async Task ConcurrentWritesAndSearches_AllSucceedAndEveryWriteLands()
    {
        var knowledgeBase = CreateFilled();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                knowledgeBase.Upsert(RefundTime with { Id = $"kb-{w}-{i}" });
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.NotEmpty(knowledgeBase.Search("退款多久到账", "zh"));
            }
        }));

        await Task.WhenAll(writers.Concat(readers)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(205, knowledgeBase.Count);
    }
}
