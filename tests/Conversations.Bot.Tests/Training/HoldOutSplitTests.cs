using Conversations.Bot.Tests.Fixtures;
using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Training;

[Collection(EmbeddedModelCollection.Name)]
public sealed class HoldOutSplitTests(EmbeddedModelFixture fixture)
{
    [Fact]
    public void IsHeldOut_SameTextInAnyCaseOrWidth_LandsOnTheSameSide()
    {
        var first = HoldOutSplit.IsHeldOut(new LabeledText("Where is my order", "order_status", "en"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, HoldOutSplit.IsHeldOut(new LabeledText("where is my order ", "order_status", "en")));
            Assert.Equal(first, HoldOutSplit.IsHeldOut(new LabeledText("ｗｈｅｒｅ ｉｓ ｍｙ ｏｒｄｅｒ", "other", "zh")));
        }
    }

    [Fact]
    public void ShippedData_AboutOneFifthOfEveryIntentAndLanguageIsHeldOut()
    {
        foreach (var group in fixture.Corpus.Intents.GroupBy(e => (e.Label, e.Language)))
        {
            var share = group.Count(HoldOutSplit.IsHeldOut) / (double)group.Count();
            Assert.True(share is > 0.1 and < 0.3, $"{group.Key}: {share:P0} held out");
        }
    }

    [Fact]
    public void ShippedData_TrainingAndHeldOutShareNoText()
    {
        var training = fixture.Corpus.TrainingIntents.Select(e => e.Text.Trim().ToLowerInvariant()).ToHashSet();

        Assert.DoesNotContain(fixture.Corpus.HeldOutIntents, e => training.Contains(e.Text.Trim().ToLowerInvariant()));
    }
}
