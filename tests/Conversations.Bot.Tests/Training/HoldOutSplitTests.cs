using Conversations.Bot.Tests.Fixtures;
using Conversations.Bot.Text;
using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Training;

[Collection(EmbeddedModelCollection.Name)]
public sealed class HoldOutSplitTests(EmbeddedModelFixture fixture)
{
    [Theory]
    [InlineData("Where is my order", "where is my order ", "ｗｈｅｒｅ ｉｓ ｍｙ ｏｒｄｅｒ", "where is my order?", "Where is my order?!", "where is  my order...", "whereismyorder", "where-is-my-order~")]
    [InlineData("亲，我的订单到哪了？", "亲 我的订单到哪了", "亲我的订单到哪了", "亲～我的订单到哪了？？", "亲,我的订单到哪了!", "【亲】我的订单到哪了", "亲。我的订单到哪了", "亲 我的 订单 到哪了 ！")]
    public void IsHeldOut_SameSentenceInAnyCaseWidthPunctuationOrSpacing_LandsOnTheSameSide(params string[] variants)
    {
        var sides = variants.Select(v => HoldOutSplit.IsHeldOut(new LabeledText(v, "order_status", "en"))).Distinct();

        Assert.Single(sides);
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
        // Compared folded: a held-out line that differs from a training line only by case, width, punctuation or spaces is the same line.
        foreach (var (training, heldOut) in new[] { (fixture.Corpus.TrainingIntents, fixture.Corpus.HeldOutIntents), (fixture.Corpus.TrainingSentiments, fixture.Corpus.HeldOutSentiments) })
        {
            var seen = training.Select(e => TextNormalizer.Fold(e.Text)).ToHashSet(StringComparer.Ordinal);

            Assert.DoesNotContain(heldOut, e => seen.Contains(TextNormalizer.Fold(e.Text)));
        }
    }
}
