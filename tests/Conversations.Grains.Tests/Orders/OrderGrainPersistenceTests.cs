using Conversations.Abstractions.Orders;
using Conversations.Runtime.Testing;

namespace Conversations.Grains.Tests.Orders;

public sealed class OrderGrainPersistenceTests
{
    [Fact]
    public async Task Order_WithLogisticsAndAnOpenCase_SurvivesARestartOnPostgres_AndTheCaseMovesOn()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        await using var cluster = await OrderClusters.Builder(new CustomerOrderLog()).UsePostgres(db.ConnectionString).BuildAndStartAsync();
        var now = cluster.FakeTime.GetUtcNow();
        var orderId = TestOrders.NewId();
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        await order.Upsert(TestOrders.Shipped("c-1001", now.AddDays(-2)));
        await order.AppendLogistics(new LogisticsEvent(now.AddHours(-3), LogisticsStatuses.Delivered, "上海市", "已签收"));
        var opened = await order.OpenCase("c-1001", new OpenCaseRequest(CaseTypes.Return, CaseReasons.Quality, [TestOrders.JeansSku], "zip broken"));
        await order.AdvanceCase(opened.CaseId, CaseActions.Approve, CaseActors.Agent("a-7"));
        var before = await order.Get(null);

        await cluster.RestartAsync();
        var restarted = cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);
        var after = await restarted.Get("c-1001");
        var received = await restarted.AdvanceCase(opened.CaseId, CaseActions.Receive, CaseActors.System);
        var second = await restarted.OpenCase("c-1001", new OpenCaseRequest(CaseTypes.Dispute, CaseReasons.Quality));

        Assert.Equal(before.Order.Items, after.Order.Items);
        Assert.Equal(before.Order with { Items = after.Order.Items }, after.Order);
        Assert.Equal(OrderStatuses.Delivered, after.Order.Status);
        Assert.Equal(before.Logistics, after.Logistics);
        var persisted = Assert.Single(after.Cases);
        Assert.Equal(CaseStates.Approved, persisted.State);
        Assert.Equal(before.Cases[0].History, persisted.History);
        Assert.Equal([TestOrders.JeansSku], persisted.Skus);
        Assert.Equal(CaseStates.Received, received.State);
        Assert.Equal($"{orderId}-C2", second.CaseId);
    }
}
