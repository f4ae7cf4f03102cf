using Conversations.Abstractions;
using Conversations.Abstractions.Orders;

namespace Conversations.Grains.Tests.Orders;

/// <summary>Every policy decision of the order grain (assessment and opening cases), against the fake clock.</summary>
public sealed class OrderPolicyTests : IClassFixture<OrderClusterFixture>
{
    private const string Customer = "c-3003";
    private readonly OrderClusterFixture _fixture;

    public OrderPolicyTests(OrderClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private DateTimeOffset Now => _fixture.Now;

    private async Task<IOrderGrain> Import(OrderDocument document)
    {
        var order = _fixture.Grains.GetGrain<IOrderGrain>(TestOrders.NewId());
        await order.Upsert(document);
        return order;
    }

    private static Task<ConversationException> Refused(Func<Task> call) => Assert.ThrowsAsync<ConversationException>(call);

    // ---- return windows ----

    [Fact]
    public async Task Assess_DeliveredSixDaysAgo_AllowsANoReasonReturn()
    {
        var deliveredAt = Now.AddDays(-6);
        var order = await Import(TestOrders.Delivered(Customer, deliveredAt));

        var assessment = await order.Assess(Customer);

        Assert.True(assessment.NoReasonReturnEligible);
        Assert.Equal(deliveredAt.AddDays(7), assessment.NoReasonReturnEndsAt);
        Assert.True(assessment.QualityReturnEligible);
        Assert.Equal(deliveredAt.AddDays(15), assessment.QualityReturnEndsAt);
        Assert.Contains("returned without a reason", assessment.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_DeliveredEightDaysAgo_NoReasonWindowHasEnded_QualityWindowHasNot()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-8)));

        var assessment = await order.Assess(Customer);

        Assert.False(assessment.NoReasonReturnEligible);
        Assert.True(assessment.QualityReturnEligible);
        Assert.Contains("no-reason return window ended", assessment.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_DeliveredSixteenDaysAgo_BothWindowsHaveEnded()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-16)));

        var assessment = await order.Assess(Customer);

        Assert.False(assessment.NoReasonReturnEligible);
        Assert.False(assessment.QualityReturnEligible);
    }

    [Fact]
    public async Task OpenCase_NoReasonReturnOnDaySix_IsAccepted_CustomerPaysShipping_RefundIsWhatWasPaid()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-6)) with { Amount = 480m });

        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason));

        Assert.Equal(CaseStates.Requested, opened.State);
        Assert.False(opened.ShopPaysShipping);
        Assert.Equal(480m, opened.RefundAmount);
        Assert.Equal([TestOrders.ShirtSku, TestOrders.JeansSku], opened.Skus);
        Assert.Contains("customer pays the return shipping", opened.PolicyNote, StringComparison.Ordinal);
        Assert.Equal(CaseActors.Customer(Customer), Assert.Single(opened.History).Actor);
    }

    [Fact]
    public async Task OpenCase_NoReasonReturnOnDayEight_IsRefusedWithTheWindowAndTheQualityAlternative()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-8)));

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason)));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("7-day no-reason return window", refused.Message, StringComparison.Ordinal);
        Assert.Contains("quality problem can still be returned", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await order.Get(Customer)).Cases);
    }

    [Fact]
    public async Task OpenCase_QualityReturnOnDayEight_IsAccepted_AndTheShopPaysShipping()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-8)));

        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.Quality, [TestOrders.JeansSku]));

        Assert.True(opened.ShopPaysShipping);
        Assert.Equal(299m, opened.RefundAmount);
    }

    [Fact]
    public async Task OpenCase_PartialReturn_RefundsTheItemsShareOfWhatWasPaid()
    {
        // 497 of list prices paid as 447 after a store discount: the jeans (299) refund 299 * 447 / 497.
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-1)) with { Amount = 447m });

        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason, [TestOrders.JeansSku]));

        Assert.Equal(268.92m, opened.RefundAmount);
    }

    [Fact]
    public async Task OpenCase_QualityExchangeOnDaySixteen_IsRefused_AndPointsToARepair()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-16)));

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Exchange, CaseReasons.Damaged)));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("15-day window", refused.Message, StringComparison.Ordinal);
        Assert.Contains("repair", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_NoReasonExchange_CustomerPaysTheWayBack()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));

        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Exchange, CaseReasons.ChangedMind, [TestOrders.ShirtSku]));

        Assert.False(opened.ShopPaysShipping);
        Assert.Equal(0m, opened.RefundAmount);
    }

    [Fact]
    public async Task OpenCase_ReturnOfAShippedUndeliveredOrder_IsRefusedSuggestingRefusingTheDelivery()
    {
        var order = await Import(TestOrders.Shipped(Customer, Now.AddHours(-10)));

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason)));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("refuse the delivery", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrderStatuses.Cancelled, "was cancelled")]
    [InlineData(OrderStatuses.PendingPayment, "has not been paid")]
    public async Task OpenCase_ReturnOfACancelledOrUnpaidOrder_IsRefusedWithAReasonTheBotCanSay(string status, string reason)
    {
        var document = status == OrderStatuses.Cancelled ? TestOrders.Cancelled(Customer, Now.AddDays(-1)) : TestOrders.Pending(Customer);
        var order = await Import(document);

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.Quality)));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_ASecondOpenCaseOfTheSameType_IsRefused_ButAnotherTypeIsNot()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-1)));
        var first = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason, [TestOrders.ShirtSku]));

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.Quality, [TestOrders.JeansSku])));
        await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Dispute, CaseReasons.NotAsDescribed));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains(first.CaseId, refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await order.Get(null)).Cases.Count);
    }

    [Fact]
    public async Task OpenCase_WithASkuThatIsNotInTheOrder_IsABadRequestNamingSkus()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-1)));

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason, ["NOT-OURS"])));

        Assert.StartsWith("E_BAD_REQUEST: skus", refused.Message, StringComparison.Ordinal);
    }

    // ---- late shipping and delivery, compensation ----

    [Fact]
    public async Task Assess_PaidAndPastThePromisedShipBy_IsLateShipping_WithATenYuanCoupon()
    {
        var order = await Import(TestOrders.Paid(Customer, Now.AddDays(-3), promisedShipBy: Now.AddHours(-1)));

        var assessment = await order.Assess(Customer);

        Assert.True(assessment.LateShipping);
        Assert.False(assessment.LateDelivery);
        Assert.Equal(new Compensation(CompensationKinds.NoThresholdCoupon, 10m, "CNY", CompensationReasons.LateShipping), assessment.Compensation);
        Assert.Contains("10 CNY", assessment.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_PaidAndBeforeThePromisedShipBy_IsOnTime_WithoutCompensation()
    {
        var order = await Import(TestOrders.Paid(Customer, Now.AddHours(-6), promisedShipBy: Now.AddHours(42)));

        var assessment = await order.Assess(Customer);

        Assert.False(assessment.LateShipping);
        Assert.Null(assessment.Compensation);
    }

    [Fact]
    public async Task Assess_ShippedAfterThePromisedShipBy_IsLateShipping()
    {
        var shippedAt = Now.AddHours(-5);
        var order = await Import(TestOrders.Shipped(Customer, shippedAt, promisedShipBy: shippedAt.AddHours(-3)));

        var assessment = await order.Assess(Customer);

        Assert.True(assessment.LateShipping);
        Assert.Equal(10m, assessment.Compensation?.Amount);
    }

    [Fact]
    public async Task Assess_ShippedOnTime_IsNotLate()
    {
        var shippedAt = Now.AddHours(-5);
        var order = await Import(TestOrders.Shipped(Customer, shippedAt, promisedShipBy: shippedAt.AddHours(1)));

        var assessment = await order.Assess(Customer);

        Assert.False(assessment.LateShipping);
        Assert.False(assessment.LateDelivery);
        Assert.Null(assessment.Compensation);
    }

    [Fact]
    public async Task Assess_NotDeliveredByThePromisedTime_IsLateDelivery_WithATwentyYuanCoupon()
    {
        var shippedAt = Now.AddDays(-4);
        var order = await Import(TestOrders.Shipped(Customer, shippedAt, promisedDeliveryBy: Now.AddHours(-2)));

        var assessment = await order.Assess(Customer);

        Assert.True(assessment.LateDelivery);
        Assert.Equal(new Compensation(CompensationKinds.NoThresholdCoupon, 20m, "CNY", CompensationReasons.LateDelivery), assessment.Compensation);
    }

    [Fact]
    public async Task Assess_DeliveredAfterThePromisedTime_IsLateDelivery_AndLateShippingTooGetsOneCoupon()
    {
        var deliveredAt = Now.AddDays(-1);
        var document = TestOrders.Delivered(Customer, deliveredAt, promisedDeliveryBy: deliveredAt.AddHours(-5));
        document = document with { PromisedShipBy = document.ShippedAt!.Value.AddHours(-1) };
        var order = await Import(document);

        var assessment = await order.Assess(Customer);

        Assert.True(assessment.LateShipping);
        Assert.True(assessment.LateDelivery);
        Assert.Equal(20m, assessment.Compensation?.Amount);
    }

    [Fact]
    public async Task Assess_DeliveredBeforeThePromisedTime_IsOnTime()
    {
        var deliveredAt = Now.AddDays(-1);
        var order = await Import(TestOrders.Delivered(Customer, deliveredAt, promisedDeliveryBy: deliveredAt.AddHours(5)));

        var assessment = await order.Assess(Customer);

        Assert.False(assessment.LateDelivery);
        Assert.Null(assessment.Compensation);
    }

    // ---- tracking ----

    [Fact]
    public async Task Assess_ShippedWithoutACarrierEventFor24Hours_HasStaleTracking()
    {
        var order = await Import(TestOrders.Shipped(Customer, Now.AddDays(-2), promisedDeliveryBy: Now.AddDays(3)));
        await order.AppendLogistics(new LogisticsEvent(Now.AddHours(-20), LogisticsStatuses.InTransit, "苏州亚洲一号分拣中心", "快件已发出"));
        Assert.False((await order.Assess(Customer)).TrackingStale);

        _fixture.Clock.Advance(TimeSpan.FromHours(5));
        var assessment = await order.Assess(Customer);

        Assert.True(assessment.TrackingStale);
        Assert.Contains("contacting the carrier", assessment.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_MissingParcelWithStaleTracking_IsReshippedFirst_ButNotWhileTrackingMoves()
    {
        var moving = await Import(TestOrders.Shipped(Customer, Now.AddHours(-10), promisedDeliveryBy: Now.AddDays(3)));
        var stuck = await Import(TestOrders.Shipped(Customer, Now.AddDays(-3), promisedDeliveryBy: Now.AddDays(3)));

        var refused = await Refused(() => moving.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Reship, CaseReasons.Missing)));
        var reship = await stuck.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Reship, CaseReasons.Missing));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("claims from the carrier afterwards", reship.PolicyNote, StringComparison.Ordinal);
        Assert.Equal(Now.AddHours(24), reship.PromisedBy);
    }

    // ---- refund timing ----

    [Fact]
    public async Task RefundOfAnUnshippedPaidOrder_IsPromisedWithinOneHour()
    {
        var order = await Import(TestOrders.Paid(Customer, Now.AddHours(-2)));

        var assessment = await order.Assess(Customer);
        var refund = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Refund, CaseReasons.ChangedMind));

        Assert.Equal(TimeSpan.FromHours(1), assessment.RefundWithin);
        Assert.Equal(Now.AddHours(1), refund.PromisedBy);
        Assert.Equal(497m, refund.RefundAmount);
        Assert.Contains("bank cards take 1–3 more working days", refund.PolicyNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefundOfAReturn_IsPromisedWithin24HoursOfTheWarehouseReceivingIt()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));
        Assert.Equal(TimeSpan.FromHours(24), (await order.Assess(Customer)).RefundWithin);
        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason));
        await order.AdvanceCase(opened.CaseId, CaseActions.Approve, CaseActors.Agent("a-7"));
        _fixture.Clock.Advance(TimeSpan.FromDays(2));

        var received = await order.AdvanceCase(opened.CaseId, CaseActions.Receive, CaseActors.System);

        Assert.Equal(Now.AddHours(24), received.PromisedBy);
    }

    [Fact]
    public async Task OpenCase_RefundOfAShippedOrder_IsRefusedSuggestingARefusalOrReturn()
    {
        var order = await Import(TestOrders.Shipped(Customer, Now.AddHours(-3)));

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Refund, CaseReasons.ChangedMind)));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("already shipped", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_PriceProtection_WithinFifteenDaysOfPayment_IsAccepted_AfterwardsRefused()
    {
        var recent = await Import(TestOrders.Delivered(Customer, Now.AddDays(-3)));
        var old = await Import(TestOrders.Delivered(Customer, Now.AddDays(-14)));

        var accepted = await recent.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Refund, CaseReasons.PriceDrop));
        var refused = await Refused(() => old.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Refund, CaseReasons.PriceDrop)));

        Assert.Equal(Now.AddHours(24), accepted.PromisedBy);
        Assert.Contains("Price protection covers 15 days", refused.Message, StringComparison.Ordinal);
    }

    // ---- missing, wrong, damaged, repair, dispute ----

    [Theory]
    [InlineData(CaseReasons.Missing, "small gift")]
    [InlineData(CaseReasons.WrongItem, "collected at the shop's cost")]
    [InlineData(CaseReasons.Damaged, "claims from the carrier afterwards")]
    public async Task OpenCase_MissingWrongOrDamagedItems_AreReshippedAtTheShopsCost(string reason, string note)
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-1)));

        var reship = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Reship, reason, [TestOrders.ShirtSku]));

        Assert.True(reship.ShopPaysShipping);
        Assert.Equal(Now.AddHours(24), reship.PromisedBy);
        Assert.Contains(note, reship.PolicyNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_ReturnForAMissingItem_IsRefusedPointingToAReship()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-1)));

        var refused = await Refused(() => order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.Missing)));

        Assert.Contains("reship", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_RepairWithinWarranty_IsFree_AfterwardsQuotedFirst()
    {
        var inWarranty = await Import(TestOrders.Delivered(Customer, Now.AddDays(-100)));
        var outOfWarranty = await Import(TestOrders.Delivered(Customer, Now.AddDays(-400)));

        var free = await inWarranty.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Repair, CaseReasons.Quality));
        var quoted = await outOfWarranty.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Repair, CaseReasons.Quality));

        Assert.True(free.ShopPaysShipping);
        Assert.Contains("3–5 working days", free.PolicyNote, StringComparison.Ordinal);
        Assert.False(quoted.ShopPaysShipping);
        Assert.Contains("quotes the cost first", quoted.PolicyNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_DisputeOnAnUnpaidOrder_IsAccepted_WithAnAnswerPromisedWithinADay()
    {
        var order = await Import(TestOrders.Pending(Customer));

        var dispute = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Dispute, CaseReasons.Quality, Note: "I paid but it shows unpaid"));

        Assert.Equal(CaseStates.Opened, dispute.State);
        Assert.Equal(Now.AddHours(24), dispute.PromisedBy);
        Assert.Contains("I paid but it shows unpaid", dispute.PolicyNote, StringComparison.Ordinal);
    }
}
