using System.Globalization;
using System.Text.Json;
using Conversations.Abstractions.Orders;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

[Collection(ShopBotCollection.Name)]
public sealed class ShopBotOrderStatusTests
{
    private readonly ShopBotFixture _shop;

    public ShopBotOrderStatusTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    [Fact]
    public async Task OrderStatus_NotShippedYet_SaysSoWithTheShipByDateAndNoApology()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-2), _shop.Now.AddHours(46)));

        var turn = await chat.SayAsync($"Where is order {orderId}?");

        var text = turn.Text();
        Assert.Contains("hasn't shipped yet", text, StringComparison.Ordinal);
        Assert.Contains("due to ship by", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sorry", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("coupon", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OrderStatuses.Paid, turn.Card()!.Status);
        Assert.Equal(orderId, turn.OrderId);
        Assert.Null(turn.Handoff);
        Assert.Equal(BotIntents.OrderStatus, turn.Analysis!.Intent);
    }

    [Fact]
    public async Task OrderStatus_Shipped_GivesCarrierTrackingAndLastScanInPlainWords()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));
        await _shop.Grains.GetGrain<IOrderGrain>(orderId).AppendLogistics(
            new LogisticsEvent(_shop.Now.AddHours(-3), LogisticsStatuses.InTransit, "Shanghai hub", "Arrived at the sorting centre"));

        var turn = await chat.SayAsync($"where is my order {orderId}");

        var text = turn.Text();
        Assert.Contains("shipped on", text, StringComparison.Ordinal);
        Assert.Contains("YTO", text, StringComparison.Ordinal);
        Assert.Contains("YT7701234567801", text, StringComparison.Ordinal);
        Assert.Contains("Arrived at the sorting centre (Shanghai hub)", text, StringComparison.Ordinal);
        Assert.Contains("should arrive by", text, StringComparison.Ordinal);
        var card = turn.Card()!;
        Assert.Equal(OrderStatuses.Shipped, card.Status);
        Assert.Equal("YTO", card.Carrier);
        Assert.Equal("YT7701234567801", card.TrackingNo);
        Assert.Equal("Arrived at the sorting centre", card.LastEvent!.Description);
        Assert.Equal(2, card.Items.Count);
    }

    [Fact]
    public async Task OrderStatus_Delivered_SaysWhenAndWhatToDoIfNotFound()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-1)));

        var turn = await chat.SayAsync($"where is order {orderId}?");

        var text = turn.Text();
        Assert.Contains("was delivered on", text, StringComparison.Ordinal);
        Assert.Contains("proof of delivery", text, StringComparison.Ordinal);
        Assert.Equal(OrderStatuses.Delivered, turn.Card()!.Status);
    }

    [Fact]
    public async Task OrderStatus_LateShipping_ApologisesFirstAndOffersTheConfiguredCompensation()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddDays(-3), _shop.Now.AddDays(-1)));

        var turn = await chat.SayAsync($"where is order {orderId}?");

        var text = turn.FirstMessage();
        Assert.StartsWith("I'm really sorry", text, StringComparison.Ordinal);
        Assert.Contains("running late", text, StringComparison.Ordinal);
        Assert.Contains("¥10 no-threshold coupon", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderStatus_LateDelivery_OffersTheLargerCoupon()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddDays(-5), _shop.Now.AddHours(-6)));

        var turn = await chat.SayAsync($"where is order {orderId}?");

        Assert.StartsWith("I'm really sorry", turn.FirstMessage(), StringComparison.Ordinal);
        Assert.Contains("¥20 no-threshold coupon", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderStatus_CompensationWording_IsTheShopsOwn()
    {
        var bot = _shop.CreateBot(o => o.CompensationWording = new LocalizedText("Here is {amount} off your next order.", "送您{amount}。"));
        var chat = _shop.Start(bot: bot);
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddDays(-3), _shop.Now.AddDays(-1)));

        var turn = await chat.SayAsync($"where is order {orderId}?");

        Assert.Contains("Here is ¥10 off your next order.", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderStatus_TrackingStale_SaysSoAndWhatHappensNext()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddDays(-3), _shop.Now.AddDays(2)));
        await _shop.Grains.GetGrain<IOrderGrain>(orderId).AppendLogistics(
            new LogisticsEvent(_shop.Now.AddDays(-2), LogisticsStatuses.InTransit, null, "Left the Hangzhou hub"));

        var turn = await chat.SayAsync($"where is order {orderId}?");

        var text = turn.Text();
        Assert.Contains("tracking hasn't updated since", text, StringComparison.Ordinal);
        Assert.Contains("replacement first", text, StringComparison.Ordinal);
        Assert.DoesNotContain("coupon", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderStatus_PaidDuringASale_ExplainsTheDelayHonestly()
    {
        // The cluster's clock starts on 11 November, inside the default 11.11 sale; a period around "now" keeps
        // the test true wherever other tests have moved the clock.
        var today = _shop.Now.ToOffset(TimeSpan.FromHours(8));
        var bot = _shop.CreateBot(o => o.SalePeriods =
        [
            new SalePeriod { Name = new LocalizedText("the 11.11 sale", "双 11 大促"), From = today.AddDays(-2).ToString("MM-dd", CultureInfo.InvariantCulture), To = today.AddDays(2).ToString("MM-dd", CultureInfo.InvariantCulture) },
        ]);
        var chat = _shop.Start(bot: bot);
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-5), _shop.Now.AddHours(60)));

        var turn = await chat.SayAsync($"when will order {orderId} ship?");

        Assert.Contains("during the 11.11 sale", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderStatus_PaidOutsideAnySale_SaysNothingAboutSales()
    {
        var bot = _shop.CreateBot(o => o.SalePeriods = [new SalePeriod { Name = new LocalizedText("the 618 sale", "618"), From = "06-01", To = "06-20" }]);
        var chat = _shop.Start(bot: bot);
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-5), _shop.Now.AddHours(60)));

        var turn = await chat.SayAsync($"when will order {orderId} ship?");

        Assert.DoesNotContain("sale", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderStatus_InChinese_AnswersInChinese()
    {
        var chat = _shop.Start(language: "zh");
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));

        var turn = await chat.SayAsync($"亲，订单 {orderId} 到哪了？");

        Assert.Contains($"订单 {orderId} 已于", turn.Text(), StringComparison.Ordinal);
        Assert.Equal("运输中", turn.Card()!.StatusText);
    }

    [Fact]
    public async Task OrderCard_MasksRecipientPhoneAndAddressEverywhere()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));
        await _shop.Grains.GetGrain<IOrderGrain>(orderId).AppendLogistics(new LogisticsEvent(
            _shop.Now.AddHours(-1), LogisticsStatuses.OutForDelivery, "Pudong", $"Out for delivery to {ShopOrders.Recipient}, courier Zhang 13812345678"));

        var turn = await chat.SayAsync($"where is order {orderId}?");

        var card = turn.Card()!;
        Assert.Equal("139****1001", card.Recipient.Phone);
        Assert.Equal("王**", card.Recipient.Name);
        Assert.StartsWith("上海市 ", card.Recipient.Address, StringComparison.Ordinal);
        Assert.DoesNotContain("1288", card.Recipient.Address, StringComparison.Ordinal);
        Assert.Contains("138****5678", card.LastEvent!.Description, StringComparison.Ordinal);

        var everything = string.Join("\n", turn.Replies.Select(r => r.Text + (r.Data is { } d ? JsonSerializer.Serialize(d) : string.Empty)));
        Assert.DoesNotContain(ShopOrders.Phone, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopOrders.Recipient, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("1502", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingOrderNumber_AsksWithTheCustomersRecentOrdersAsQuickReplies_NewestFirst()
    {
        var chat = _shop.Start();
        var older = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-20)));
        var middle = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));
        var newest = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-1)));

        var turn = await chat.SayAsync("Where is my order?");

        Assert.Null(turn.OrderId);
        Assert.Contains("Which order", turn.Text(), StringComparison.Ordinal);
        var options = turn.Options();
        Assert.Equal([$"Order {newest}", $"Order {middle}", $"Order {older}"], options.Select(o => o.Text));
        Assert.Contains("Not shipped yet", options[0].Label, StringComparison.Ordinal);
        Assert.Contains(newest[^4..], options[0].Label, StringComparison.Ordinal);

        var answer = await chat.SayAsync(options[1].Text);

        Assert.Equal(middle, answer.OrderId);
        Assert.Contains($"Order {middle} shipped on", answer.Text(), StringComparison.Ordinal);
        Assert.NotNull(answer.Card());
    }

    [Fact]
    public async Task MissingOrderNumber_AndNoOrdersOnFile_AsksForTheNumberThenAnswers()
    {
        var chat = _shop.Start();

        var ask = await chat.SayAsync("Where is my order?");

        Assert.Empty(ask.Options());
        Assert.Contains("order number", ask.Text(), StringComparison.Ordinal);

        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-1)));
        var answer = await chat.SayAsync(orderId);

        Assert.Equal(orderId, answer.OrderId);
        Assert.Contains("hasn't shipped yet", answer.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCustomersOrder_IsNotRevealed_AndReadsLikeAMissingOrder()
    {
        var owner = _shop.Start();
        var theirs = await _shop.ImportAsync(ShopOrders.Shipped(owner.CustomerId, _shop.Now.AddHours(-10)));
        var nosy = _shop.Start();
        var nonexistent = ShopBotFixture.NewOrderId();

        var foreign = await nosy.SayAsync($"where is order {theirs}?");
        var missing = await nosy.SayAsync($"where is order {nonexistent}?");

        Assert.Null(foreign.OrderId);
        Assert.Null(foreign.Card());
        Assert.Contains($"I can't find order {theirs} under your account", foreign.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("YTO", foreign.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("shipped", foreign.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(missing.Text().Replace(nonexistent, "#", StringComparison.Ordinal), foreign.Text().Replace(theirs, "#", StringComparison.Ordinal));
        Assert.DoesNotContain(foreign.Replies, r => r.Kind == EventKinds.OrderCard);
    }

    [Fact]
    public async Task OrderNumberAlone_IsReadAsAStatusQuestion()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-1)));

        var turn = await chat.SayAsync(orderId);

        Assert.False(turn.LowConfidence);
        Assert.Equal(orderId, turn.OrderId);
        Assert.NotNull(turn.Card());
    }

    [Fact]
    public async Task SessionOrder_IsUsedWhenTheMessageNamesNone()
    {
        var customerId = ShopBotFixture.NewCustomerId();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(customerId, _shop.Now.AddDays(-1)));
        var chat = _shop.Start(customerId, orderId: orderId);

        var turn = await chat.SayAsync("where is my order?");

        Assert.Equal(orderId, turn.Card()!.OrderId);
    }
}
