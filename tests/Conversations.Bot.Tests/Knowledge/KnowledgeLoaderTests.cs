using Conversations.Bot.Knowledge;

namespace Conversations.Bot.Tests.Knowledge;

public sealed class KnowledgeLoaderTests
{
    [Fact]
    public void Parse_ValidJson_ReadsEveryField()
    {
        const string json = """
            [
              { "id": "kb-1", "category": "logistics", "language": "en", "intent": "order_status",
                "questions": ["where is my parcel", "track order"], "answer": "Use the tracking link.", "related": ["kb-2"] },
              { "id": "kb-2", "category": "other", "language": "zh", "questions": ["营业时间"], "answer": "9点到21点。" }
            ]
            """;

        var entries = KnowledgeLoader.Parse(json);

        Assert.Equal(2, entries.Count);
        Assert.Equal("order_status", entries[0].Intent);
        Assert.Equal(["where is my parcel", "track order"], entries[0].Questions);
        Assert.Equal(["kb-2"], entries[0].Related);
        Assert.Null(entries[1].Intent);
        Assert.Empty(entries[1].Related);
    }

    [Fact]
    public void Parse_MalformedJson_NamesTheSource()
    {
        var error = Assert.Throws<InvalidDataException>(() => KnowledgeLoader.Parse("[{", "knowledge/zh.json"));

        Assert.StartsWith("knowledge/zh.json is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidEntry_NamesTheEntryAndTheProblem()
    {
        const string json = """[{ "id": "kb-9", "category": "misc", "language": "en", "questions": ["x"], "answer": "y" }]""";

        var error = Assert.Throws<InvalidDataException>(() => KnowledgeLoader.Parse(json, "en.json"));

        Assert.Contains("en.json, entry 0 ('kb-9')", error.Message, StringComparison.Ordinal);
        Assert.Contains("category 'misc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuestionsNotAnArray_SaysSo()
    {
        const string json = """[{ "id": "kb-9", "category": "other", "language": "en", "questions": "x", "answer": "y" }]""";

        var error = Assert.Throws<InvalidDataException>(() => KnowledgeLoader.Parse(json));

        Assert.Contains("\"questions\" must be an array of strings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEmbedded_ShippedFiles_AreValidAndCoverBothLanguages()
    {
        var entries = KnowledgeLoader.LoadEmbedded();

        Assert.Contains(entries, e => e.Language == "zh");
        Assert.Contains(entries, e => e.Language == "en");
        Assert.All(entries, KnowledgeBase.Validate);
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void CreateEmbeddedKnowledgeBase_HasSeveralEntriesForEveryShopCategoryInBothLanguages()
    {
        var knowledge = KnowledgeLoader.CreateEmbeddedKnowledgeBase();
        string[] categories = [KnowledgeCategories.Chatting, KnowledgeCategories.Product, KnowledgeCategories.Promotion,
            KnowledgeCategories.Purchasing, KnowledgeCategories.Logistics, KnowledgeCategories.AfterSales];

        var thin = BotLanguages.All.SelectMany(language => categories.Select(category => (language, category, Count: knowledge.List(language, category).Count)))
            .Where(c => c.Count < 3)
            .Select(c => $"{c.language}/{c.category}: {c.Count}")
            .ToList();

        Assert.True(thin.Count == 0, "categories with fewer than 3 demo entries: " + string.Join(", ", thin));
    }

    [Theory]
    [InlineData("en", "hello there", KnowledgeCategories.Chatting)]
    [InlineData("en", "is this jacket made of cotton", KnowledgeCategories.Product)]
    [InlineData("en", "do you have any coupons for me", KnowledgeCategories.Promotion)]
    [InlineData("en", "which payment methods can I use", KnowledgeCategories.Purchasing)]
    [InlineData("en", "which courier will deliver my parcel", KnowledgeCategories.Logistics)]
    [InlineData("en", "how can I return something I bought", KnowledgeCategories.AfterSales)]
    [InlineData("zh", "你好呀", KnowledgeCategories.Chatting)]
    [InlineData("zh", "这件外套是什么材质的", KnowledgeCategories.Product)]
    [InlineData("zh", "现在有优惠券可以领吗", KnowledgeCategories.Promotion)]
    [InlineData("zh", "可以用花呗付款吗", KnowledgeCategories.Purchasing)]
    [InlineData("zh", "下单后多久发货", KnowledgeCategories.Logistics)]
    [InlineData("zh", "怎么申请退货退款", KnowledgeCategories.AfterSales)]
    public void CreateEmbeddedKnowledgeBase_AnswersACustomersOwnWordsFromTheRightCategory(string language, string question, string category)
    {
        var best = KnowledgeLoader.CreateEmbeddedKnowledgeBase().Search(question, language).FirstOrDefault();

        Assert.NotNull(best);
        Assert.Equal(category, best.Entry.Category);
        Assert.Equal(language, best.Entry.Language);
    }

    [Fact]
    public void LoadEmbedded_RelatedIds_ReferToShippedEntries()
    {
        var entries = KnowledgeLoader.LoadEmbedded();
        var ids = entries.Select(e => e.Id).ToHashSet();

        Assert.All(entries.SelectMany(e => e.Related), id => Assert.Contains(id, ids));
    }
}
