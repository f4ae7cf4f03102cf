using Conversations.Abstractions;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Grains.Orders;
using Conversations.Runtime.Testing;

namespace Conversations.Grains.Tests.Orders;

public sealed class OrderGrainTests : IClassFixture<OrderClusterFixture>
{
    private readonly OrderClusterFixture _fixture;

    public OrderGrainTests(OrderClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private DateTimeOffset Now => _fixture.Now;

    private IOrderGrain Order(string orderId) => _fixture.Grains.GetGrain<IOrderGrain>(orderId);

    [Fact]
    public async Task Upsert_NewOrder_StoresItAndTellsTheCustomersGrain()
    {
        var orderId = TestOrders.NewId();

        var view = await Order(orderId).Upsert(TestOrders.Paid("c-1001", Now.AddHours(-1)));

        Assert.Equal(orderId, view.OrderId);
        Assert.Equal(OrderStatuses.Paid, view.Order.Status);
        Assert.Equal(2, view.Order.Items.Count);
        Assert.True(await Order(orderId).Exists());
        Assert.True(_fixture.Customers.Contains("c-1001", orderId));
    }

    [Fact]
    public async Task Upsert_WhenTheCustomersGrainFails_StillStoresTheOrder_AndLinksItOnTheNextImport()
    {
        var orderId = TestOrders.NewId();
        var customers = new CustomerOrderLog { Failing = true };
        await using var cluster = await OrderClusters.Builder(customers).BuildAndStartAsync();
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        var document = TestOrders.Paid("c-1002", cluster.FakeTime.GetUtcNow().AddHours(-1));

        await order.Upsert(document);
        Assert.True(await order.Exists());
        Assert.Empty(customers.Added);

        customers.Failing = false;
        await order.Upsert(document with { Status = OrderStatuses.Shipped, ShippedAt = cluster.FakeTime.GetUtcNow() });

        Assert.True(customers.Contains("c-1002", orderId));
    }

    [Fact]
    public async Task Upsert_WithTheDomainsOwnCustomerGrain_ListsTheOrderAmongTheCustomersOrders()
    {
        await using var cluster = await new TestClusterBuilder()
            .AddGrains(typeof(OrderGrain).Assembly)
            .UseFakeTime()
            .ConfigureServices(s => s.AddConversationsDomainServices())
            .BuildAndStartAsync();
        var orderId = TestOrders.NewId();

        await cluster.GrainFactory.GetGrain<IOrderGrain>(orderId).Upsert(TestOrders.Paid("c-7007", cluster.FakeTime.GetUtcNow().AddHours(-1)));

        Assert.Contains(orderId, (await cluster.GrainFactory.GetGrain<ICustomerGrain>("c-7007").GetContext()).OrderIds);
    }

    [Fact]
    public async Task Upsert_AnUpdate_KeepsLogisticsAndCases()
    {
        var orderId = TestOrders.NewId();
        var shipped = TestOrders.Shipped("c-1003", Now.AddHours(-5));
        await Order(orderId).Upsert(shipped);
        await Order(orderId).AppendLogistics(new LogisticsEvent(Now.AddHours(-4), LogisticsStatuses.InTransit, "苏州", "快件已发出"));
        await Order(orderId).OpenCase("c-1003", new OpenCaseRequest(CaseTypes.Dispute, CaseReasons.Quality));

        var view = await Order(orderId).Upsert(shipped with { PromisedDeliveryBy = Now.AddDays(5) });

        Assert.Single(view.Logistics);
        Assert.Single(view.Cases);
        Assert.Equal(Now.AddDays(5), view.Order.PromisedDeliveryBy);
    }

    [Fact]
    public async Task Upsert_ChangingTheCustomer_IsRefusedWithConflict_AndTheOrderKeepsItsOwner()
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Paid("c-1001", Now.AddHours(-1)));

        var refused = await Assert.ThrowsAsync<ConversationException>(() => Order(orderId).Upsert(TestOrders.Paid("c-9999", Now.AddHours(-1))));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("customerId", refused.Message, StringComparison.Ordinal);
        Assert.Equal("c-1001", (await Order(orderId).Get(null)).Order.CustomerId);
        Assert.False(_fixture.Customers.Contains("c-9999", orderId));
    }

    public static TheoryData<string, string> InvalidDocuments => new()
    {
        { "customerId", "customerId" },
        { "status", "status" },
        { "items", "items" },
        { "quantity", "items[1].quantity" },
        { "price", "items[0].price" },
        { "duplicateSku", "items[1].sku" },
        { "amount", "amount" },
        { "currency", "currency" },
        { "addressName", "address.name" },
        { "addressPhone", "address.phone" },
        { "addressLine1", "address.line1" },
        { "shippedBeforePaid", "shippedAt" },
        { "deliveredWithoutDate", "deliveredAt" },
        { "paidWithoutPaidAt", "paidAt" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task Upsert_InvalidDocument_IsRefusedNamingTheField(string problem, string field)
    {
        var orderId = TestOrders.NewId();
        var good = TestOrders.Shipped("c-1001", Now.AddHours(-2));
        var bad = problem switch
        {
            "customerId" => good with { CustomerId = " " },
            "status" => good with { Status = "lost_in_space" },
            "items" => good with { Items = [] },
            "quantity" => good with { Items = [good.Items[0], good.Items[1] with { Quantity = 0 }] },
            "price" => good with { Items = [good.Items[0] with { Price = -1m }, good.Items[1]] },
            "duplicateSku" => good with { Items = [good.Items[0], good.Items[0]] },
            "amount" => good with { Amount = -0.01m },
            "currency" => good with { Currency = "rmb" },
            "addressName" => good with { Address = good.Address with { Name = "" } },
            "addressPhone" => good with { Address = good.Address with { Phone = "" } },
            "addressLine1" => good with { Address = good.Address with { Line1 = "  " } },
            "shippedBeforePaid" => good with { ShippedAt = good.PaidAt!.Value.AddMinutes(-1) },
            "deliveredWithoutDate" => good with { Status = OrderStatuses.Delivered, DeliveredAt = null },
            "paidWithoutPaidAt" => good with { Status = OrderStatuses.Paid, PaidAt = null, ShippedAt = null },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var refused = await Assert.ThrowsAsync<ConversationException>(() => Order(orderId).Upsert(bad));

        Assert.Equal(ErrorCodes.BadRequest, refused.Code);
        Assert.StartsWith($"E_BAD_REQUEST: {field}", refused.Message, StringComparison.Ordinal);
        Assert.False(await Order(orderId).Exists());
    }

    [Fact]
    public async Task Get_ByTheOwner_ReturnsTheOrder()
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Paid("c-1001", Now.AddHours(-1)));

        var view = await Order(orderId).Get("c-1001");

        Assert.Equal("c-1001", view.Order.CustomerId);
    }

    [Fact]
    public async Task Get_Assess_OpenCase_ByAnotherCustomer_AreForbidden_AndChangeNothing()
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Delivered("c-1001", Now.AddDays(-1)));

        var get = await Assert.ThrowsAsync<ConversationException>(() => Order(orderId).Get("c-2002"));
        var assess = await Assert.ThrowsAsync<ConversationException>(() => Order(orderId).Assess("c-2002"));
        var open = await Assert.ThrowsAsync<ConversationException>(
            () => Order(orderId).OpenCase("c-2002", new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason)));

        Assert.All([get, assess, open], e => Assert.Equal(ErrorCodes.Forbidden, e.Code));
        Assert.DoesNotContain("c-1001", get.Message, StringComparison.Ordinal);
        Assert.Empty((await Order(orderId).Get(null)).Cases);
    }

    [Fact]
    public async Task Get_AMissingOrder_IsNotFoundForStaff_ButLooksExactlyLikeSomeoneElsesOrderToACustomer()
    {
        var missingId = TestOrders.NewId();
        var foreignId = TestOrders.NewId();
        await Order(foreignId).Upsert(TestOrders.Paid("c-1001", Now.AddHours(-1)));

        var forStaff = await Assert.ThrowsAsync<ConversationException>(() => Order(missingId).Get(null));
        var missing = await Assert.ThrowsAsync<ConversationException>(() => Order(missingId).Get("c-2002"));
        var foreign = await Assert.ThrowsAsync<ConversationException>(() => Order(foreignId).Get("c-2002"));

        Assert.Equal(ErrorCodes.NotFound, forStaff.Code);
        Assert.Equal(ErrorCodes.Forbidden, missing.Code);
        Assert.Equal(missing.Message.Replace(missingId, "#", StringComparison.Ordinal), foreign.Message.Replace(foreignId, "#", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lookup_FindsTheOwnersOrderWithItsAssessment_AndNothingForAnyoneElse_OrAMissingOrder()
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Delivered("c-1001", Now.AddDays(-1)));

        var found = await Order(orderId).Lookup("c-1001");
        var foreign = await Order(orderId).Lookup("c-2002");
        var missing = await Order(TestOrders.NewId()).Lookup("c-1001");
        var blank = await Assert.ThrowsAsync<ConversationException>(() => Order(orderId).Lookup(" "));

        Assert.NotNull(found);
        Assert.Equal(orderId, found.View.OrderId);
        Assert.Equal(OrderStatuses.Delivered, found.View.Order.Status);
        Assert.Equal(await Order(orderId).Assess("c-1001"), found.Assessment);
        Assert.Null(foreign);
        Assert.Null(missing);
        Assert.Equal(ErrorCodes.BadRequest, blank.Code);
    }

    [Fact]
    public async Task AppendLogistics_KeepsEventsInTimeOrder_AndIgnoresARepeatedEvent()
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Shipped("c-1001", Now.AddDays(-1)));
        var late = new LogisticsEvent(Now.AddHours(-2), LogisticsStatuses.InTransit, "广州黄埔分拣中心", "快件已到达广州");
        var early = new LogisticsEvent(Now.AddHours(-20), LogisticsStatuses.PickedUp, "苏州市", "已揽收");

        await Order(orderId).AppendLogistics(late);
        await Order(orderId).AppendLogistics(early);
        var view = await Order(orderId).AppendLogistics(late);

        Assert.Equal([early, late], view.Logistics);
    }

    [Fact]
    public async Task AppendLogistics_Delivered_MarksTheOrderDelivered()
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Shipped("c-1001", Now.AddDays(-2)));
        var at = Now.AddMinutes(-30);

        var view = await Order(orderId).AppendLogistics(new LogisticsEvent(at, LogisticsStatuses.Delivered, "上海市", "已签收，签收人：本人"));

        Assert.Equal(OrderStatuses.Delivered, view.Order.Status);
        Assert.Equal(at, view.Order.DeliveredAt);
        Assert.True((await Order(orderId).Assess("c-1001")).NoReasonReturnEligible);
    }

    [Fact]
    public async Task AppendLogistics_FirstScanOfAPaidOrder_MarksItShipped()
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Paid("c-1001", Now.AddHours(-10)));
        var at = Now.AddHours(-1);

        var view = await Order(orderId).AppendLogistics(new LogisticsEvent(at, LogisticsStatuses.PickedUp, "苏州市", "已揽收"));

        Assert.Equal(OrderStatuses.Shipped, view.Order.Status);
        Assert.Equal(at, view.Order.ShippedAt);
    }

    [Fact]
    public async Task AppendLogistics_ToAMissingOrder_IsNotFound()
    {
        var refused = await Assert.ThrowsAsync<ConversationException>(
            () => Order(TestOrders.NewId()).AppendLogistics(new LogisticsEvent(Now, LogisticsStatuses.InTransit, null, "在途")));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    [Theory]
    [InlineData("Delivered!", "desc", "status")]
    [InlineData("in_transit", "", "description")]
    public async Task AppendLogistics_InvalidEvent_IsRefusedNamingTheField(string status, string description, string field)
    {
        var orderId = TestOrders.NewId();
        await Order(orderId).Upsert(TestOrders.Shipped("c-1001", Now.AddDays(-1)));

        var refused = await Assert.ThrowsAsync<ConversationException>(
            () => Order(orderId).AppendLogistics(new LogisticsEvent(Now, status, null, description)));

        Assert.StartsWith($"E_BAD_REQUEST: {field}", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await Order(orderId).Get(null)).Logistics);
    }
}
