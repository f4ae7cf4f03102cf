using Conversations.Abstractions.Orders;

namespace Conversations.Bot.Tests.Policy;

[Collection(ShopBotCollection.Name)]
public sealed class ShopBotAfterSalesTests
{
    private readonly ShopBotFixture _shop;

    public ShopBotAfterSalesTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    [Fact]
    public async Task Return_InsideTheNoReasonWindow_SaysUntilWhenAndWhoPaysShipping()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-2)));

        var turn = await chat.SayAsync($"I want to return order {orderId}");

        var text = turn.Text();
        Assert.Contains("without a reason until", text, StringComparison.Ordinal);
        Assert.Contains("(7 days after delivery)", text, StringComparison.Ordinal);
        Assert.Contains("the return shipping is yours", text, StringComparison.Ordinal);
        Assert.Contains("quality problem", text, StringComparison.Ordinal);
        Assert.Contains("After-sales", text, StringComparison.Ordinal);
        Assert.Null(turn.Handoff);
    }

    [Fact]
    public async Task Return_OutsideTheNoReasonWindow_OffersTheQualityReturnStillOpen()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-10)));

        var turn = await chat.SayAsync($"can I still return order {orderId}?");

        var text = turn.Text();
        Assert.Contains("7-day no-reason return window", text, StringComparison.Ordinal);
        Assert.Contains("ended on", text, StringComparison.Ordinal);
        Assert.Contains("quality problem can still be returned or exchanged free until", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the return shipping is yours", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_OutsideBothWindows_SaysSoPolitelyAndOffersAPerson()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-20)));

        var turn = await chat.SayAsync($"I want to return order {orderId}");

        Assert.StartsWith("I'm sorry", turn.FirstMessage(), StringComparison.Ordinal);
        Assert.Contains("return windows for order", turn.Text(), StringComparison.Ordinal);
        Assert.Contains(turn.Options(), o => o.Text == "Talk to a person");
    }

    [Fact]
    public async Task Return_InChinese_GivesTheWindowInChinese()
    {
        var chat = _shop.Start(language: "zh");
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-2)));

        var turn = await chat.SayAsync($"订单 {orderId} 想退货");

        Assert.Contains("签收后 7 天内", turn.Text(), StringComparison.Ordinal);
        Assert.Contains("寄回运费由您承担", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refund_OrderNotShipped_PromisesTheRefundWithinAnHour()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-1)));

        var turn = await chat.SayAsync($"how long does a refund take for order {orderId}?");

        Assert.Contains("within 1 hour", turn.Text(), StringComparison.Ordinal);
        Assert.Contains("bank cards", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refund_ReturnReceivedByTheWarehouse_GivesTheDateItIsDue()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-2)));
        var order = _shop.Grains.GetGrain<IOrderGrain>(orderId);
        var opened = await order.OpenCase(chat.CustomerId, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason));
        await order.AdvanceCase(opened.CaseId, CaseActions.Approve, CaseActors.Agent("a-1"));
        var received = await order.AdvanceCase(opened.CaseId, CaseActions.Receive, CaseActors.Agent("a-1"));

        var turn = await chat.SayAsync($"when will I get my refund for order {orderId}?");

        var text = turn.Text();
        Assert.Contains("received your return", text, StringComparison.Ordinal);
        Assert.Contains("¥497", text, StringComparison.Ordinal);
        Assert.Contains("due by", text, StringComparison.Ordinal);
        Assert.Contains(opened.CaseId, text, StringComparison.Ordinal);
        Assert.NotNull(received.PromisedBy);
    }

    [Fact]
    public async Task Refund_PastItsPromisedTime_ApologisesAndOffersAPerson()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-2)));
        var order = _shop.Grains.GetGrain<IOrderGrain>(orderId);
        var opened = await order.OpenCase(chat.CustomerId, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason));
        await order.AdvanceCase(opened.CaseId, CaseActions.Approve, CaseActors.Agent("a-1"));
        await order.AdvanceCase(opened.CaseId, CaseActions.Receive, CaseActors.Agent("a-1"));
        _shop.Clock.Advance(TimeSpan.FromHours(25));

        var turn = await chat.SayAsync($"when will I get my refund for order {orderId}?");

        Assert.StartsWith("I'm really sorry your refund is taking longer than we promised", turn.FirstMessage(), StringComparison.Ordinal);
        Assert.Contains("overdue", turn.Text(), StringComparison.Ordinal);
        Assert.Contains(turn.Options(), o => o.Text == "Talk to a person");
    }

    [Fact]
    public async Task Refund_NoReturnYet_SaysHowSoonAReturnIsRefunded()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-2)));

        var turn = await chat.SayAsync($"when will I get my refund for order {orderId}?");

        Assert.Contains("within 24 hours of the warehouse receiving it", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedItem_OpensAReshipCaseAndExplainsIt()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        var turn = await chat.SayAsync($"order {orderId} arrived today and the box was crushed, the jeans are torn");

        var opened = Assert.Single((await _shop.OrderAsync(orderId)).Cases);
        Assert.Equal(CaseTypes.Reship, opened.Type);
        Assert.Equal(CaseReasons.Damaged, opened.Reason);
        var text = turn.Text();
        Assert.StartsWith("I'm so sorry your order arrived damaged", text, StringComparison.Ordinal);
        Assert.Contains(opened.CaseId, text, StringComparison.Ordinal);
        Assert.Contains("claim from the courier ourselves", text, StringComparison.Ordinal);
        Assert.Contains("will be sent by", text, StringComparison.Ordinal);
        Assert.Null(turn.Handoff);
    }

    [Fact]
    public async Task DamagedItem_CaseNote_KeepsTheCustomersWordsWithTheirPhoneAndEmailMasked()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        await chat.SayAsync($"order {orderId} arrived broken, call me on 13912345678 or mail bob.lee@example.com");

        var note = Assert.Single((await _shop.OrderAsync(orderId)).Cases).PolicyNote;
        Assert.Contains($"order {orderId} arrived broken, call me on 139****5678 or mail b***@example.com", note, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", note, StringComparison.Ordinal);
        Assert.DoesNotContain("bob.lee", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingItem_OpensAReshipCaseWithAGift()
    {
        var chat = _shop.Start(language: "zh");
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        var turn = await chat.SayAsync($"订单 {orderId} 少发了一件");

        var opened = Assert.Single((await _shop.OrderAsync(orderId)).Cases);
        Assert.Equal(CaseTypes.Reship, opened.Type);
        Assert.Equal(CaseReasons.Missing, opened.Reason);
        Assert.Contains("小礼物", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongItem_OpensAReshipCaseAndCollectsTheWrongOneFree()
    {
        var chat = _shop.Start(language: "zh");
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        var turn = await chat.SayAsync($"订单 {orderId} 发错货了，颜色不对");

        var opened = Assert.Single((await _shop.OrderAsync(orderId)).Cases);
        Assert.Equal(CaseReasons.WrongItem, opened.Reason);
        Assert.Contains("上门取回", turn.Text(), StringComparison.Ordinal);
        Assert.Contains(opened.CaseId, turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProblemNotNamed_AsksWhichThenOpensTheRightCase()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));

        var ask = await chat.SayAsync($"My item arrived damaged or wrong, order {orderId}");

        Assert.Empty((await _shop.OrderAsync(orderId)).Cases);
        Assert.Equal(3, ask.Options().Count);

        var turn = await chat.TapAsync("Item missing");

        var opened = Assert.Single((await _shop.OrderAsync(orderId)).Cases);
        Assert.Equal(CaseReasons.Missing, opened.Reason);
        Assert.Contains(opened.CaseId, turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedItem_ReportedTooLate_ExplainsThePolicyAndOffersAPerson()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddDays(-20)));

        var turn = await chat.SayAsync($"order {orderId}: the item arrived damaged");

        Assert.Empty((await _shop.OrderAsync(orderId)).Cases);
        Assert.Contains("within 15 days of delivery", turn.Text(), StringComparison.Ordinal);
        Assert.Contains(turn.Options(), o => o.Text == "Talk to a person");
    }

    [Fact]
    public async Task DamagedItem_ReportedTwice_PointsToTheCaseAlreadyOpen()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Delivered(chat.CustomerId, _shop.Now.AddHours(-5)));
        await chat.SayAsync($"order {orderId}: the item arrived damaged");

        var again = await chat.SayAsync($"order {orderId}: the item arrived damaged, what now?");

        var opened = Assert.Single((await _shop.OrderAsync(orderId)).Cases);
        Assert.Contains("already a replacement request", again.Text(), StringComparison.Ordinal);
        Assert.Contains(opened.CaseId, again.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_BeforeShipping_SaysItCanBeCancelledAndHowFastTheMoneyComesBack()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-1)));

        var turn = await chat.SayAsync($"I want to cancel order {orderId}");

        Assert.Contains("can still be cancelled", turn.Text(), StringComparison.Ordinal);
        Assert.Contains("within 1 hour", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_AfterShipping_ExplainsRefusalAndInterception()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));

        var turn = await chat.SayAsync($"I want to cancel order {orderId}");

        var text = turn.Text();
        Assert.Contains("can't be cancelled directly", text, StringComparison.Ordinal);
        Assert.Contains("refuse the delivery", text, StringComparison.Ordinal);
        Assert.Contains("stop the parcel", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeAddress_BeforeShipping_SaysHow()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-1)));

        var turn = await chat.SayAsync($"I need to change the delivery address of order {orderId}");

        Assert.Contains("can still be changed", turn.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeAddress_AfterShipping_ExplainsRedirection()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));

        var turn = await chat.SayAsync($"I need to change the delivery address of order {orderId}");

        Assert.Contains("can no longer be changed", turn.Text(), StringComparison.Ordinal);
        Assert.Contains("redirect", turn.Text(), StringComparison.Ordinal);
    }
}
