using Conversations.Bot.Text;

namespace Conversations.Bot.Tests.Text;

public sealed class LanguageDetectorTests
{
    [Fact]
    public void Detect_Chinese_IsZhAndNotMixed()
    {
        var detection = LanguageDetector.Detect("我的快递到哪了？");

        Assert.Equal("zh", detection.Language);
        Assert.False(detection.IsMixed);
    }

    [Fact]
    public void Detect_English_IsEn()
    {
        var detection = LanguageDetector.Detect("Where is my parcel?");

        Assert.Equal("en", detection.Language);
        Assert.False(detection.IsMixed);
    }

    [Theory]
    [InlineData("我的order还没到", "zh")]
    [InlineData("亲，这个product有货吗", "zh")]
    [InlineData("my 快递 hasn't arrived yet", "en")]
    [InlineData("can I get a 发票 for this order please", "en")]
    public void Detect_MixedText_TakesTheMajorityScriptAndSaysMixed(string text, string expected)
    {
        var detection = LanguageDetector.Detect(text);

        Assert.Equal(expected, detection.Language);
        Assert.True(detection.IsMixed);
    }

    [Fact]
    public void Detect_OnlyDigitsAndSymbols_FallsBack()
    {
        Assert.Equal("en", LanguageDetector.Detect("2026111100001234 ???", fallback: "en").Language);
        Assert.Equal("zh", LanguageDetector.Detect("👍").Language);
    }

    [Fact]
    public void Detect_SizeLetterInChinese_IsNotEnglish()
    {
        var detection = LanguageDetector.Detect("我要L码");

        Assert.Equal("zh", detection.Language);
        Assert.False(detection.IsMixed);
    }
}
