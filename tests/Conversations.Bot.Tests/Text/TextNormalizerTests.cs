using Conversations.Bot.Text;

namespace Conversations.Bot.Tests.Text;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Normalize_FullWidthText_BecomesHalfWidthLowerCase()
    {
        Assert.Equal("order so12345678?! ¥99", TextNormalizer.Normalize("ＯＲＤＥＲ　ＳＯ１２３４５６７８？！ ￥９９"));
    }

    [Fact]
    public void Normalize_AnyText_KeepsLengthSoOffsetsStillPoint()
    {
        const string text = "我的订单ＳＯ１２３４５６７８，“快”！😀";
        Assert.Equal(text.Length, TextNormalizer.Normalize(text).Length);
    }

    [Fact]
    public void Normalize_TypographicQuotesAndChinesePunctuation_BecomeAscii()
    {
        Assert.Equal("don't \"now\". a,b", TextNormalizer.Normalize("DON’T “NOW”。 A、B"));
    }

    [Theory]
    [InlineData("Where is my order?!", "whereismyorder")]
    [InlineData("ｗｈｅｒｅ　ｉｓ ｍｙ ｏｒｄｅｒ？", "whereismyorder")]
    [InlineData("where-is my order~~ :)", "whereismyorder")]
    [InlineData("亲，我的订单到哪了？？", "亲我的订单到哪了")]
    [InlineData("亲 我的订单 到哪了～", "亲我的订单到哪了")]
    [InlineData("“退货”【急】！", "退货急")]
    public void Fold_DropsCaseWidthPunctuationAndSpaces(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Fold(text));
    }

    [Fact]
    public void Fold_KeepsWhatMakesSentencesDifferent()
    {
        Assert.Equal("order12345退款😡", TextNormalizer.Fold("Order 12345, 退款 😡"));
        Assert.NotEqual(TextNormalizer.Fold("where is my order"), TextNormalizer.Fold("where is my refund"));
    }
}
