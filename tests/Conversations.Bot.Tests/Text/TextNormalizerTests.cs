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
}
