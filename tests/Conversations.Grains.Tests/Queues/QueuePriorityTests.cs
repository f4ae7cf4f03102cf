using Conversations.Abstractions.Customers;
using Conversations.Grains.Queues;

namespace Conversations.Grains.Tests.Queues;

public sealed class QueuePriorityTests
{
    private static int Of(string tier = CustomerTiers.Regular, bool angry = false, string sentiment = "neutral", bool slaAtRisk = false, int boost = 0, bool repeat = false, double waitedSeconds = 0) =>
        QueuePriority.Of(tier, angry, sentiment, slaAtRisk, boost, repeat, TimeSpan.FromSeconds(waitedSeconds));

    [Fact]
    public void Tier_SvipBeforeVipBeforeRegular()
    {
        Assert.True(Of(CustomerTiers.Svip) > Of(CustomerTiers.Vip));
        Assert.True(Of(CustomerTiers.Vip) > Of(CustomerTiers.Regular));
    }

    [Fact]
    public void Angry_GoesBeforeCalmOfTheSameTier_AndAngrySentimentCountsAsAngry()
    {
        Assert.True(Of(angry: true) > Of());
        Assert.Equal(Of(angry: true), Of(sentiment: "angry"));
        Assert.True(Of(sentiment: "negative") > Of());
        Assert.True(Of(angry: true) > Of(sentiment: "negative"));
    }

    [Fact]
    public void SlaAtRisk_GoesBeforeEverySessionNotAtRisk()
    {
        Assert.True(Of(slaAtRisk: true) > Of(CustomerTiers.Svip, angry: true, repeat: true, boost: 0, waitedSeconds: 3600));
        Assert.True(Of(CustomerTiers.Svip, slaAtRisk: true) > Of(slaAtRisk: true));
    }

    [Fact]
    public void RepeatContact_RaisesPriority()
    {
        Assert.Equal(Of() + QueuePriority.RepeatContact, Of(repeat: true));
    }

    [Fact]
    public void Waiting_RaisesPriorityStepwiseUpToACap()
    {
        Assert.Equal(Of(), Of(waitedSeconds: 9));
        Assert.Equal(Of() + 1, Of(waitedSeconds: 10));
        Assert.Equal(Of() + 30, Of(waitedSeconds: 300));
        Assert.Equal(Of() + QueuePriority.MaxWaitingPoints, Of(waitedSeconds: 7200));
    }

    [Fact]
    public void LongWaitingRegular_OvertakesAFreshVip_ButNeverAFreshSvip()
    {
        Assert.True(Of(waitedSeconds: 26 * 60) > Of(CustomerTiers.Vip));
        Assert.True(Of(waitedSeconds: 24 * 3600) < Of(CustomerTiers.Svip));
    }

    [Fact]
    public void NegativeBoost_DoesNotLowerPriority()
    {
        Assert.Equal(Of(), Of(boost: -50));
    }
}
