using Conversations.Abstractions;
using Conversations.Abstractions.Orders;
using Conversations.Grains.Orders;

namespace Conversations.Grains.Tests.Orders;

/// <summary>Each after-sales case type's full path through the order grain, and the moves it refuses.</summary>
public sealed class CaseWorkflowTests : IClassFixture<OrderClusterFixture>
{
    private const string Customer = "c-4004";
    private static readonly string s_agent = CaseActors.Agent("a-7");
    private readonly OrderClusterFixture _fixture;

    public CaseWorkflowTests(OrderClusterFixture fixture)
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

    /// <summary>Opens a case and walks it through <paramref name="steps"/>, checking each state reached.</summary>
    private async Task<AfterSalesCase> Walk(IOrderGrain order, OpenCaseRequest request, params (string Action, string State)[] steps)
    {
        var current = await order.OpenCase(Customer, request);
        Assert.Equal(CaseWorkflow.InitialState(request.Type), current.State);
        foreach (var (action, state) in steps)
        {
            _fixture.Clock.Advance(TimeSpan.FromHours(1));
            current = await order.AdvanceCase(current.CaseId, action, s_agent);
            Assert.Equal(state, current.State);
        }

        return current;
    }

    [Fact]
    public async Task Return_GoesRequestedApprovedReceivedRefundedClosed_RecordingEachStep()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));

        var closed = await Walk(order, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason),
            (CaseActions.Approve, CaseStates.Approved),
            (CaseActions.Receive, CaseStates.Received),
            (CaseActions.Refund, CaseStates.Refunded),
            (CaseActions.Close, CaseStates.Closed));

        Assert.Equal(
            [("", "requested", "open"), ("requested", "approved", "approve"), ("approved", "received", "receive"), ("received", "refunded", "refund"), ("refunded", "closed", "close")],
            closed.History.Select(t => (t.From, t.To, t.Action)));
        Assert.All(closed.History.Skip(1), t => Assert.Equal(s_agent, t.Actor));
        Assert.Equal(Now, closed.UpdatedAt);
        Assert.Equal(closed, Assert.Single((await order.Get(Customer)).Cases));
    }

    [Fact]
    public async Task Return_CanBeRejected()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));

        await Walk(order, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason), (CaseActions.Reject, CaseStates.Rejected));

        Assert.Empty(CaseWorkflow.AllowedActions(CaseTypes.Return, CaseStates.Rejected));
    }

    [Fact]
    public async Task Exchange_GoesRequestedApprovedReceivedReshippedClosed()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));

        await Walk(order, new OpenCaseRequest(CaseTypes.Exchange, CaseReasons.Quality, [TestOrders.JeansSku]),
            (CaseActions.Approve, CaseStates.Approved),
            (CaseActions.Receive, CaseStates.Received),
            (CaseActions.Ship, CaseStates.Reshipped),
            (CaseActions.Close, CaseStates.Closed));
    }

    [Fact]
    public async Task Refund_GoesRequestedRefundedClosed()
    {
        var order = await Import(TestOrders.Paid(Customer, Now.AddHours(-3)));

        await Walk(order, new OpenCaseRequest(CaseTypes.Refund, CaseReasons.OutOfStock),
            (CaseActions.Refund, CaseStates.Refunded),
            (CaseActions.Close, CaseStates.Closed));
    }

    [Fact]
    public async Task Repair_GoesRequestedInspectingRepairingReturnedClosed_WithTheInspectionPromised()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-60)));
        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Repair, CaseReasons.Quality));

        var inspecting = await order.AdvanceCase(opened.CaseId, CaseActions.Inspect, s_agent);
        await order.AdvanceCase(opened.CaseId, CaseActions.Repair, s_agent);
        await order.AdvanceCase(opened.CaseId, CaseActions.Ship, s_agent);
        var closed = await order.AdvanceCase(opened.CaseId, CaseActions.Close, s_agent);

        // Five working days: at least a week minus the weekend days, never more than 7 calendar days.
        Assert.InRange(inspecting.PromisedBy!.Value - Now, TimeSpan.FromDays(5), TimeSpan.FromDays(7));
        Assert.Equal(["requested", "inspecting", "repairing", "returned", "closed"], closed.History.Select(t => t.To));
    }

    [Fact]
    public async Task Repair_CanBeRejectedAfterInspection()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-60)));

        await Walk(order, new OpenCaseRequest(CaseTypes.Repair, CaseReasons.Quality),
            (CaseActions.Inspect, CaseStates.Inspecting),
            (CaseActions.Reject, CaseStates.Rejected));
    }

    [Fact]
    public async Task Reship_GoesRequestedReshippedClosed()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-1)));

        await Walk(order, new OpenCaseRequest(CaseTypes.Reship, CaseReasons.Damaged),
            (CaseActions.Ship, CaseStates.Reshipped),
            (CaseActions.Close, CaseStates.Closed));
    }

    [Fact]
    public async Task Dispute_GoesOpenedInvestigatingResolvedClosed()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-1)));

        await Walk(order, new OpenCaseRequest(CaseTypes.Dispute, CaseReasons.PriceDrop),
            (CaseActions.Investigate, CaseStates.Investigating),
            (CaseActions.Resolve, CaseStates.Resolved),
            (CaseActions.Close, CaseStates.Closed));
    }

    [Fact]
    public async Task AdvanceCase_AMoveTheStateDoesNotAllow_IsAConflict_AndChangesNothing()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));
        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason));

        var refused = await Assert.ThrowsAsync<ConversationException>(() => order.AdvanceCase(opened.CaseId, CaseActions.Refund, s_agent));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("possible: approve, reject, cancel", refused.Message, StringComparison.Ordinal);
        Assert.Equal(opened, Assert.Single((await order.Get(null)).Cases));
    }

    [Fact]
    public async Task AdvanceCase_OnAClosedCase_IsAConflict()
    {
        var order = await Import(TestOrders.Paid(Customer, Now.AddHours(-1)));
        var closed = await Walk(order, new OpenCaseRequest(CaseTypes.Refund, CaseReasons.ChangedMind),
            (CaseActions.Refund, CaseStates.Refunded), (CaseActions.Close, CaseStates.Closed));

        var refused = await Assert.ThrowsAsync<ConversationException>(() => order.AdvanceCase(closed.CaseId, CaseActions.Close, s_agent));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("final", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedCase_NoLongerBlocksANewCaseOfItsType()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));
        await Walk(order, new OpenCaseRequest(CaseTypes.Reship, CaseReasons.Missing), (CaseActions.Ship, CaseStates.Reshipped), (CaseActions.Close, CaseStates.Closed));

        var second = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Reship, CaseReasons.WrongItem));

        Assert.NotEqual((await order.Get(null)).Cases[0].CaseId, second.CaseId);
    }

    [Fact]
    public async Task AdvanceCase_TheOwningCustomerMayCancel_ButNotApprove_AndOthersMayDoNeither()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));
        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason));

        var approve = await Assert.ThrowsAsync<ConversationException>(
            () => order.AdvanceCase(opened.CaseId, CaseActions.Approve, CaseActors.Customer(Customer)));
        var stranger = await Assert.ThrowsAsync<ConversationException>(
            () => order.AdvanceCase(opened.CaseId, CaseActions.Cancel, CaseActors.Customer("c-5555")));
        var cancelled = await order.AdvanceCase(opened.CaseId, CaseActions.Cancel, CaseActors.Customer(Customer));

        Assert.Equal(ErrorCodes.Forbidden, approve.Code);
        Assert.Equal(ErrorCodes.Forbidden, stranger.Code);
        Assert.Equal(CaseStates.Cancelled, cancelled.State);
    }

    [Fact]
    public async Task AdvanceCase_UnknownCaseOrAction_IsRefused()
    {
        var order = await Import(TestOrders.Delivered(Customer, Now.AddDays(-2)));
        var opened = await order.OpenCase(Customer, new OpenCaseRequest(CaseTypes.Return, CaseReasons.NoReason));

        var unknownCase = await Assert.ThrowsAsync<ConversationException>(() => order.AdvanceCase("nope", CaseActions.Approve, s_agent));
        var unknownAction = await Assert.ThrowsAsync<ConversationException>(() => order.AdvanceCase(opened.CaseId, "teleport", s_agent));
        var noActor = await Assert.ThrowsAsync<ConversationException>(() => order.AdvanceCase(opened.CaseId, CaseActions.Approve, " "));

        Assert.Equal(ErrorCodes.NotFound, unknownCase.Code);
        Assert.StartsWith("E_BAD_REQUEST: action", unknownAction.Message, StringComparison.Ordinal);
        Assert.StartsWith("E_BAD_REQUEST: actor", noActor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_EveryTypeStartsSomewhere_AndEveryFinalStateAllowsNothing()
    {
        foreach (var type in CaseTypes.All)
        {
            Assert.NotEmpty(CaseWorkflow.AllowedActions(type, CaseWorkflow.InitialState(type)));
            Assert.Contains(CaseActions.Cancel, CaseWorkflow.AllowedActions(type, CaseWorkflow.InitialState(type)));
            foreach (var final in new[] { CaseStates.Closed, CaseStates.Rejected, CaseStates.Cancelled })
            {
                Assert.Empty(CaseWorkflow.AllowedActions(type, final));
            }
        }
    }
}
