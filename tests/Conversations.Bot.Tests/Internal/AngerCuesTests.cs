using Conversations.Bot.Internal;
using Conversations.Bot.Text;

namespace Conversations.Bot.Tests.Internal;

public sealed class AngerCuesTests
{
    [Theory]
    [InlineData("you don't give a sh*t")]
    [InlineData("f*cking useless")]
    [InlineData("what the f*** is this")]
    [InlineData("🤬🤬")]
    [InlineData("stfu bot")]
    public void Detect_ProfanityHiddenBehindAsterisksOrEmoji_CountsAsAbuse(string text)
    {
        Assert.True(Detect(text).Abuse >= 1, $"'{text}' has no abuse cue");
    }

    [Theory]
    [InlineData("refund me by friday or else")]
    [InlineData("final warning, where is my parcel")]
    [InlineData("leaving 1 star everywhere")]
    public void Detect_ThreatPhrases_CountAsEscalation(string text)
    {
        Assert.Equal(1, Detect(text).Escalation);
    }

    [Theory]
    [InlineData("i swear to god this is the last time")]
    [InlineData("i'm losing my mind here")]
    [InlineData("how dare you cancel it")]
    [InlineData("😡😡")]
    public void Detect_LostPatience_CountsAsFury(string text)
    {
        Assert.True(Detect(text).Fury >= 1, $"'{text}' has no fury cue");
    }

    [Theory]
    [InlineData("is it sold for elsewhere too")]
    [InlineData("the bonestar necklace, one stark colour")]
    [InlineData("where is my order")]
    public void Detect_PhrasesInsideOtherWords_AreNotCues(string text)
    {
        Assert.Equal(0, Detect(text).Boost);
    }

    [Theory]
    [InlineData("ANSWER ME", true)]
    [InlineData("REFUND ME", true)]
    [InlineData("DHL ID?", false)]
    [InlineData("the SKU is wrong", false)]
    public void Detect_AShortMessageAllInCapitals_IsShouting(string text, bool shouting)
    {
        Assert.Equal(shouting, Detect(text).Shouting);
    }

    private static AngerCues Detect(string text) => AngerCues.Detect(text, TextNormalizer.Normalize(text));
}
