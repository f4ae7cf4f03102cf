using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

[Collection(ShopBotCollection.Name)]
public sealed class ShopBotHandoffTests
{
    private readonly ShopBotFixture _shop;

    public ShopBotHandoffTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    [Theory]
    [InlineData("en", "I want a real person")]
    [InlineData("zh", "转人工")]
    public async Task AskingForAPerson_HandsOffToGeneral(string language, string text)
    {
        var chat = _shop.Start(language: language);

        var turn = await chat.SayAsync(text);

        Assert.Equal(HandoffReasons.CustomerRequest, turn.Handoff!.Reason);
        Assert.Equal(HandoffSkills.General, turn.Handoff.Skill);
        Assert.Equal(0, turn.Handoff.PriorityBoost);
        Assert.False(turn.LowConfidence);
    }

    [Fact]
    public async Task AskingForAPerson_AfterAnOrderQuestion_GoesToAftersalesWithTheOrder()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));
        await chat.SayAsync($"where is order {orderId}?");

        var turn = await chat.SayAsync("can i speak to someone");

        Assert.Equal(HandoffReasons.CustomerRequest, turn.Handoff!.Reason);
        Assert.Equal(HandoffSkills.Aftersales, turn.Handoff.Skill);
        Assert.Equal(orderId, turn.OrderId);
        Assert.Contains($"order {orderId}", turn.Handoff.Note, StringComparison.Ordinal);
        Assert.Contains("status shipped", turn.Handoff.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AngryCustomer_IsHandedToComplaintsWithPriority_AfterAnApology()
    {
        var chat = _shop.Start();

        var turn = await chat.SayAsync("where's my stuff, it's been a week and nothing, this is ridiculous");

        Assert.Equal(HandoffReasons.Anger, turn.Handoff!.Reason);
        Assert.Equal(HandoffSkills.Complaints, turn.Handoff.Skill);
        Assert.Equal(new BotPolicyOptions().AngerPriorityBoost, turn.Handoff.PriorityBoost);
        Assert.True(turn.Handoff.PriorityBoost > 0);
        Assert.StartsWith("I'm truly sorry", turn.FirstMessage(), StringComparison.Ordinal);
        Assert.Equal(SentimentLabels.Angry, turn.Analysis!.Sentiment);
    }

    [Theory]
    [InlineData("en", "you are scammers, fucking useless shop")]
    [InlineData("zh", "你们就是骗子，黑店")]
    public async Task AbusiveCustomer_IsHandedOffAsAngry(string language, string text)
    {
        var chat = _shop.Start(language: language);

        var turn = await chat.SayAsync(text);

        Assert.Equal(HandoffReasons.Anger, turn.Handoff!.Reason);
        Assert.Equal(HandoffSkills.Complaints, turn.Handoff.Skill);
    }

    [Fact]
    public async Task Complaint_IsHandedToTheComplaintsTeam()
    {
        var chat = _shop.Start();

        var turn = await chat.SayAsync("I want to make a complaint");

        Assert.Equal(HandoffReasons.Complaint, turn.Handoff!.Reason);
        Assert.Equal(HandoffSkills.Complaints, turn.Handoff.Skill);
        Assert.True(turn.Handoff.PriorityBoost > 0);
        Assert.StartsWith("I'm very sorry", turn.FirstMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void MaskPersonalData_ForTheSessionsSummaries_MasksPhoneAndEmailButKeepsTheOrderNumber()
    {
        IConversationBot bot = _shop.Bot;

        var masked = bot.MaskPersonalData("order 2026111100001234, call 13912345678 or mail alice@example.com");

        Assert.Equal("order 2026111100001234, call 139****5678 or mail a***@example.com", masked);
    }

    [Fact]
    public async Task LowConfidence_First_AsksWhichOfTheLikelyQuestionsItIs()
    {
        var chat = _shop.Start();

        var turn = await chat.SayAsync("asdfgh");

        Assert.True(turn.LowConfidence);
        Assert.Null(turn.Handoff);
        var options = turn.Options();
        Assert.InRange(options.Count, 2, new BotPolicyOptions().MaxQuickReplies);
        Assert.Equal("Talk to a person", options[^1].Text);
        Assert.Contains("not quite sure", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowConfidence_SecondInARow_HandsOff()
    {
        var chat = _shop.Start();
        await chat.SayAsync("asdfgh");

        var turn = await chat.SayAsync("qwerty zxcv");

        Assert.True(turn.LowConfidence);
        Assert.Equal(HandoffReasons.LowConfidence, turn.Handoff!.Reason);
        Assert.Equal(HandoffSkills.General, turn.Handoff.Skill);
    }

    [Fact]
    public async Task LowConfidence_WithTheSessionLimitAtThree_AsksTwiceThenHandsOffOnTheThird()
    {
        var chat = new BotConversation(_shop.Bot, ShopBotFixture.NewCustomerId(), "en", CustomerTiers.Regular, null) { LowConfidenceLimit = 3 };

        var first = await chat.SayAsync("asdfgh");
        var second = await chat.SayAsync("qwerty zxcv");
        var third = await chat.SayAsync("zxcvb hjkl");

        Assert.All([first, second, third], turn => Assert.True(turn.LowConfidence));
        Assert.Null(first.Handoff);
        Assert.Null(second.Handoff);
        Assert.Contains("not quite sure", second.Text(), StringComparison.Ordinal);
        Assert.Equal(HandoffReasons.LowConfidence, third.Handoff!.Reason);
        Assert.StartsWith("Sorry, I still haven't understood", third.FirstMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowConfidence_WithTheSessionLimitAtOne_HandsOffAtOnceWithoutAskingOrSayingStill()
    {
        var chat = new BotConversation(_shop.Bot, ShopBotFixture.NewCustomerId(), "en", CustomerTiers.Regular, null) { LowConfidenceLimit = 1 };

        var turn = await chat.SayAsync("asdfgh");

        Assert.Equal(HandoffReasons.LowConfidence, turn.Handoff!.Reason);
        Assert.Empty(turn.Options());
        Assert.StartsWith("Sorry, I haven't understood", turn.FirstMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowConfidence_ThenAClearQuestion_IsAnsweredAndTheStreakEnds()
    {
        var chat = _shop.Start();
        await chat.SayAsync("asdfgh");

        var turn = await chat.TapAsync("Talk to a person");

        Assert.False(turn.LowConfidence);
        Assert.Equal(HandoffReasons.CustomerRequest, turn.Handoff!.Reason);
    }

    [Fact]
    public async Task Vip_DamagedItem_OpensTheCaseThenHandsOffToAftersales()
    {
        var chat = _shop.Start(tier: CustomerTiers.Vip);
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        var turn = await chat.SayAsync($"order {orderId}: the item arrived damaged");

        var opened = Assert.Single((await _shop.OrderAsync(orderId)).Cases);
        Assert.Equal(HandoffReasons.VipComplexIssue, turn.Handoff!.Reason);
        Assert.Equal(HandoffSkills.Aftersales, turn.Handoff.Skill);
        Assert.True(turn.Handoff.PriorityBoost > 0);
        Assert.Contains(opened.CaseId, turn.Handoff.Note, StringComparison.Ordinal);
        Assert.Contains(opened.CaseId, turn.Text(), StringComparison.Ordinal);
        Assert.Contains("VIP", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vip_DamagedItemTheBotCannotReship_HandsOffWithoutAlsoOfferingAPerson()
    {
        var chat = _shop.Start(tier: CustomerTiers.Vip);
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-20)));

        var turn = await chat.SayAsync($"order {orderId}: the item arrived damaged");

        Assert.Equal(HandoffReasons.VipComplexIssue, turn.Handoff!.Reason);
        Assert.Contains("within 15 days of delivery", turn.Text(), StringComparison.Ordinal);
        Assert.Empty(turn.Options());
    }

    [Fact]
    public async Task Regular_DamagedItem_StaysWithTheBot()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        var turn = await chat.SayAsync($"order {orderId}: the item arrived damaged");

        Assert.Null(turn.Handoff);
    }

    [Fact]
    public async Task Vip_DamagedItemWithoutOrder_AsksForTheOrderBeforeHandingOff()
    {
        var chat = _shop.Start(tier: CustomerTiers.Svip);
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        var ask = await chat.SayAsync("the parcel arrived and the cup inside is smashed");

        Assert.Null(ask.Handoff);
        var turn = await chat.TapAsync(orderId[^4..]);

        Assert.Equal(HandoffReasons.VipComplexIssue, turn.Handoff!.Reason);
        Assert.Equal(CaseReasons.Damaged, Assert.Single((await _shop.OrderAsync(orderId)).Cases).Reason);
        Assert.Contains("SVIP", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vip_RepeatContactAboutTheSameOrder_HandsOff()
    {
        var customerId = ShopBotFixture.NewCustomerId();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(customerId, _shop.Now.AddHours(-10)));
        await _shop.Grains.GetGrain<ICustomerGrain>(customerId).OnSessionEnded(
            new SessionMemory("s-earlier", _shop.Now.AddHours(-3), _shop.Now.AddHours(-2), BotIntents.OrderStatus, orderId, null, "answered"));
        var chat = _shop.Start(customerId, tier: CustomerTiers.Vip);

        var turn = await chat.SayAsync($"where is order {orderId}?");

        Assert.NotNull(turn.Card());
        Assert.Equal(HandoffReasons.VipComplexIssue, turn.Handoff!.Reason);
        Assert.Contains("repeat contact", turn.Handoff.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vip_SimpleQuestion_StaysWithTheBot()
    {
        var customerId = ShopBotFixture.NewCustomerId();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(customerId, _shop.Now.AddHours(-10)));
        var chat = _shop.Start(customerId, tier: CustomerTiers.Vip);

        var status = await chat.SayAsync($"where is order {orderId}?");
        var coupons = await chat.SayAsync("any coupons?");

        Assert.Null(status.Handoff);
        Assert.Null(coupons.Handoff);
    }

    [Fact]
    public async Task NegativeCustomer_GetsAnApologyBeforeTheAnswer()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));

        var turn = await chat.SayAsync($"my parcel {orderId} hasn't arrived yet, kinda annoyed");

        Assert.Equal(SentimentLabels.Negative, turn.Analysis!.Sentiment);
        Assert.Null(turn.Handoff);
        Assert.StartsWith("I'm sorry about the trouble.", turn.FirstMessage(), StringComparison.Ordinal);
        Assert.NotNull(turn.Card());
    }

    [Fact]
    public async Task HandoffNote_MasksAPhoneNumberTheCustomerGave()
    {
        var chat = _shop.Start();

        var turn = await chat.SayAsync("I want a real person, call me on 13812345678");

        Assert.Contains("138****5678", turn.Handoff!.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", turn.Handoff.Note, StringComparison.Ordinal);
    }
}
