using Conversations.Bot.Entities;
using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

public sealed class HandoffNotesTests
{
    [Fact]
    public void For_ListsIntentOrderSentimentAndMaskedPhoneOnOneLine()
    {
        var analysis = new BotAnalysis(BotIntents.OrderStatus, 0.93, [], SentimentLabels.Angry, -0.8, 0.81,
            [new ExtractedEntity(EntityTypes.Phone, "13812345678", 10, 21)], "en", false, false);

        var note = HandoffNotes.For(analysis, "2026111100001234", "status shipped");

        Assert.Equal("intent order_status (0.93) · order 2026111100001234 · sentiment angry (anger 0.81) · phone 138****5678 · status shipped", note);
        Assert.DoesNotContain('\n', note);
    }

    [Fact]
    public void For_CalmMessageWithoutOrder_IsShort()
    {
        var analysis = new BotAnalysis(BotIntents.Promotion, 0.99, [], SentimentLabels.Neutral, 0, 0.01, [], "zh", false, false);

        Assert.Equal("intent promotion (0.99) · sentiment neutral", HandoffNotes.For(analysis));
    }
}
