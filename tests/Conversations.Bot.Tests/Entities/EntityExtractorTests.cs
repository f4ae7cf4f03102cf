using Conversations.Bot.Entities;

namespace Conversations.Bot.Tests.Entities;

public sealed class EntityExtractorTests
{
    private readonly EntityExtractor _extractor = EntityExtractor.Default;

    [Fact]
    public void Extract_SixteenDigitOrderNumber_ReturnsOrderIdWithOffsets()
    {
        const string text = "我的订单2026111100001234还没发货";

        var entity = Assert.Single(_extractor.Extract(text));

        Assert.Equal(new ExtractedEntity(EntityTypes.OrderId, "2026111100001234", 4, 20), entity);
        Assert.Equal("2026111100001234", text[entity.Start..entity.End]);
    }

    [Fact]
    public void Extract_SoOrderNumber_IsUpperCased()
    {
        var entity = Assert.Single(_extractor.Extract("status of order so12345678 please"));

        Assert.Equal(EntityTypes.OrderId, entity.Type);
        Assert.Equal("SO12345678", entity.Value);
        Assert.Equal(16, entity.Start);
        Assert.Equal(26, entity.End);
    }

    [Fact]
    public void Extract_FullWidthOrderNumber_OffsetsPointIntoTheOriginalText()
    {
        const string text = "订单ＳＯ１２３４５６７８";

        var entity = Assert.Single(_extractor.Extract(text));

        Assert.Equal("SO12345678", entity.Value);
        Assert.Equal((2, 12), (entity.Start, entity.End));
    }

    [Fact]
    public void Extract_MobileNumber_ReturnsDigits()
    {
        var entity = Assert.Single(_extractor.Extract("电话13812345678"));

        Assert.Equal(new ExtractedEntity(EntityTypes.Phone, "13812345678", 2, 13), entity);
    }

    [Fact]
    public void Extract_MobileWithCountryCodeAndSpaces_CoversTheWholeNumber()
    {
        const string text = "call me at +86 138 1234 5678 thanks";

        var entity = Assert.Single(_extractor.Extract(text));

        Assert.Equal(EntityTypes.Phone, entity.Type);
        Assert.Equal("13812345678", entity.Value);
        Assert.Equal("+86 138 1234 5678", text[entity.Start..entity.End]);
    }

    [Fact]
    public void Extract_MobileWithDashes_IsAPhone()
    {
        var entity = Assert.Single(_extractor.Extract("手机 139-1234-5678"));

        Assert.Equal("13912345678", entity.Value);
    }

    [Fact]
    public void Extract_InternationalNumber_KeepsThePlus()
    {
        var entity = Assert.Single(_extractor.Extract("my number is +44 7911 123456"));

        Assert.Equal(EntityTypes.Phone, entity.Type);
        Assert.Equal("+447911123456", entity.Value);
    }

    [Fact]
    public void Extract_OrderNumberContainingMobileDigits_IsOnlyAnOrder()
    {
        // The 19-digit order number ends with what looks like a mobile number.
        var entities = _extractor.Extract("订单2026111113812345678");

        var entity = Assert.Single(entities);
        Assert.Equal(EntityTypes.OrderId, entity.Type);
    }

    [Fact]
    public void Extract_SoOrderWithElevenDigits_IsAnOrderNotAPhone()
    {
        var entity = Assert.Single(_extractor.Extract("SO13812345678"));

        Assert.Equal(EntityTypes.OrderId, entity.Type);
    }

    [Fact]
    public void Extract_OrderNumberAndPhoneInOneMessage_TagsEachCorrectly()
    {
        const string text = "订单号2026111100001234，收件电话13912345678";

        var entities = _extractor.Extract(text);

        Assert.Equal(2, entities.Count);
        Assert.Equal((EntityTypes.OrderId, "2026111100001234"), (entities[0].Type, entities[0].Value));
        Assert.Equal((EntityTypes.Phone, "13912345678"), (entities[1].Type, entities[1].Value));
        Assert.Equal("13912345678", text[entities[1].Start..entities[1].End]);
    }

    [Fact]
    public void Extract_TwelveDigitNumber_IsNeitherOrderNorPhone()
    {
        Assert.Empty(_extractor.Extract("ref 138123456789"));
    }

    [Theory]
    [InlineData("SF1234567890123", "SF1234567890123")]
    [InlineData("顺丰单号sf123456789012", "SF123456789012")]
    [InlineData("YT123456789012345", "YT123456789012345")]
    [InlineData("jt0012345678901 where", "JT0012345678901")]
    [InlineData("京东JD0012345678901", "JD0012345678901")]
    public void Extract_TrackingNumbers_AreCaseInsensitiveAndUpperCased(string text, string expected)
    {
        var entity = Assert.Single(_extractor.Extract(text));

        Assert.Equal(EntityTypes.TrackingNo, entity.Type);
        Assert.Equal(expected, entity.Value);
    }

    [Theory]
    [InlineData("退我199元", "199 CNY", "199元")]
    [InlineData("一共¥1,299.50", "1299.50 CNY", "¥1,299.50")]
    [InlineData("付了￥９９", "99 CNY", "￥９９")]
    [InlineData("才50块", "50 CNY", "50块")]
    [InlineData("it was $25.99", "25.99 USD", "$25.99")]
    [InlineData("paid 30 dollars", "30 USD", "30 dollars")]
    [InlineData("RMB 88 charged", "88 CNY", "RMB 88")]
    [InlineData("USD100", "100 USD", "USD100")]
    public void Extract_Amounts_GiveNumberAndCurrency(string text, string value, string span)
    {
        var entity = Assert.Single(_extractor.Extract(text));

        Assert.Equal(EntityTypes.Amount, entity.Type);
        Assert.Equal(value, entity.Value);
        Assert.Equal(span, text[entity.Start..entity.End]);
    }

    [Theory]
    [InlineData("2026-11-11到货", "2026-11-11")]
    [InlineData("2026年11月1日", "2026-11-01")]
    [InlineData("11/11 deliver", "11-11")]
    [InlineData("11月11日能到吗", "11-11")]
    [InlineData("明天能到吗", "tomorrow")]
    [InlineData("后天", "day_after_tomorrow")]
    [InlineData("昨天买的", "yesterday")]
    [InlineData("今天发货吗", "today")]
    [InlineData("will it come tomorrow", "tomorrow")]
    [InlineData("ordered yesterday", "yesterday")]
    [InlineData("arrive by Nov 11?", "11-11")]
    [InlineData("on 3rd of December", "12-03")]
    [InlineData("双11买的", "11-11")]
    public void Extract_Dates_AreCanonical(string text, string expected)
    {
        var entity = Assert.Single(_extractor.Extract(text));

        Assert.Equal(EntityTypes.Date, entity.Type);
        Assert.Equal(expected, entity.Value);
    }

    [Fact]
    public void Extract_ImpossibleMonth_IsNotADate()
    {
        Assert.Empty(_extractor.Extract("13/45"));
    }

    [Theory]
    [InlineData("有XL吗", "XL")]
    [InlineData("do you have it in xxl", "XXL")]
    [InlineData("我要L码", "L")]
    [InlineData("我要m码", "M")]
    [InlineData("is size M ok", "M")]
    [InlineData("Can I get an S?", "S")]
    [InlineData("平时穿42码", "EU 42")]
    [InlineData("I wear EU 42", "EU 42")]
    [InlineData("size US 9.5", "US 9.5")]
    [InlineData("身高170", "170cm")]
    [InlineData("i am 170cm", "170cm")]
    [InlineData("1米75穿什么码", "175cm")]
    [InlineData("I'm 5'9\"", "175cm")]
    [InlineData("60kg", "60kg")]
    [InlineData("120斤", "60kg")]
    [InlineData("体重110", "55kg")]
    [InlineData("about 150 lbs", "68kg")]
    public void Extract_Sizes_AreCanonical(string text, string expected)
    {
        var entity = Assert.Single(_extractor.Extract(text));

        Assert.Equal(EntityTypes.Size, entity.Type);
        Assert.Equal(expected, entity.Value);
    }

    [Fact]
    public void Extract_HeightAndWeightTogether_GivesBothWithOffsets()
    {
        const string text = "身高165 体重100斤 穿什么码";

        var entities = _extractor.Extract(text);

        Assert.Equal(["身高165", "体重100斤"], entities.Select(e => text[e.Start..e.End]));
        Assert.Equal(["165cm", "50kg"], entities.Select(e => e.Value));
    }

    [Theory]
    [InlineData("I'm fine, it's ok")]
    [InlineData("I AM SO MAD AT THIS S M L")]
    [InlineData("please email us 24 hours a day")]
    [InlineData("where is my order")]
    public void Extract_OrdinaryWords_AreNotSizes(string text)
    {
        Assert.DoesNotContain(_extractor.Extract(text), e => e.Type == EntityTypes.Size);
    }

    [Fact]
    public void Extract_SeveralEntities_AreOrderedByPosition()
    {
        var entities = _extractor.Extract("SF1234567890123 明天到 退我¥20");

        Assert.Equal([EntityTypes.TrackingNo, EntityTypes.Date, EntityTypes.Amount], entities.Select(e => e.Type));
        Assert.True(entities[0].End <= entities[1].Start && entities[1].End <= entities[2].Start);
    }

    [Fact]
    public void Extract_CustomOrderPattern_IsUsedInsteadOfTheDefaults()
    {
        var extractor = new EntityExtractor(new EntityExtractorOptions { OrderIdPatterns = [@"(?<![a-z0-9])ord-(?<id>\d{6})(?!\d)"] });

        var entities = extractor.Extract("order ORD-123456 and 2026111100001234");

        var entity = Assert.Single(entities, e => e.Type == EntityTypes.OrderId);
        Assert.Equal("123456", entity.Value);
    }

    [Fact]
    public void Constructor_InvalidOrderPattern_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new EntityExtractor(new EntityExtractorOptions { OrderIdPatterns = ["(unclosed"] }));

        Assert.Contains("OrderIdPatterns[0]", error.Message, StringComparison.Ordinal);
    }
}
