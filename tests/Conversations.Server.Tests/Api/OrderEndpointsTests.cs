using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Api;

public sealed class OrderEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    private static object Order(string customerId) => new
    {
        customerId,
        status = "paid",
        items = new[] { new { sku = "SKU-1", name = "Kettle", quantity = 1, price = 199.0 } },
        amount = 199.0,
        currency = "CNY",
        paidAt = DateTimeOffset.UtcNow.AddHours(-2),
        promisedShipBy = DateTimeOffset.UtcNow.AddHours(22),
        address = new { name = "Li Lei", phone = "13800000000", line1 = "1 Road", city = "Shanghai", country = "CN" },
    };

    [Fact]
    public async Task PutThenGet_AsAdminAndAsOwner_ReturnsTheOrder()
    {
        using var put = await Server.SendAsync(HttpMethod.Put, "/api/orders/O-REST-1", body: Order("c-rest-owner"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var asAdmin = await Server.SendAsync(HttpMethod.Get, "/api/orders/O-REST-1");
        using var asOwner = await Server.SendAsync(HttpMethod.Get, "/api/orders/O-REST-1", ConversationRoles.Customer, "c-rest-owner");

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
        var order = await asOwner.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("O-REST-1", order.GetProperty("orderId").GetString());
        Assert.Equal("c-rest-owner", order.GetProperty("order").GetProperty("customerId").GetString());
        Assert.Equal("paid", order.GetProperty("order").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_AsAnotherCustomerOrAnAgent_IsForbiddenProblem()
    {
        using var put = await Server.SendAsync(HttpMethod.Put, "/api/orders/O-REST-2", body: Order("c-rest-a"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var otherCustomer = await Server.SendAsync(HttpMethod.Get, "/api/orders/O-REST-2", ConversationRoles.Customer, "c-rest-b");
        using var agent = await Server.SendAsync(HttpMethod.Get, "/api/orders/O-REST-2", ConversationRoles.Agent, "a-1");

        await Problems.AssertAsync(otherCustomer, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await Problems.AssertAsync(agent, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Get_DemoOrder_AsItsCustomer_HasResolvedTimesAndLogistics()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "/api/orders/2026111100009305", ConversationRoles.Customer, "c-1001");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();

        var shippedAt = order.GetProperty("order").GetProperty("shippedAt").GetDateTimeOffset();
        Assert.InRange(shippedAt, DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow);
        Assert.Equal(3, order.GetProperty("logistics").GetArrayLength());
    }

    [Fact]
    public async Task Get_UnknownOrder_IsNotFoundProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "/api/orders/O-NOPE");
        await Problems.AssertAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Put_InvalidBodies_AreBadRequestProblems()
    {
        using var notJson = new HttpRequestMessage(HttpMethod.Put, "/api/orders/O-BAD") { Content = new StringContent("{nope", Encoding.UTF8, "application/json") };
        notJson.Headers.Authorization = new("Bearer", Server.Token(ConversationRoles.Admin, "admin-1"));
        using var notJsonResponse = await Server.Http.SendAsync(notJson);
        using var invalid = await Server.SendAsync(HttpMethod.Put, "/api/orders/O-BAD", body: new { customerId = "c-1", status = "teleported", items = Array.Empty<object>(), amount = -1, currency = "CNY" });

        await Problems.AssertAsync(notJsonResponse, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
        await Problems.AssertAsync(invalid, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task Put_AsCustomer_IsForbiddenProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Put, "/api/orders/O-REST-3", ConversationRoles.Customer, "c-1", Order("c-1"));
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task PostLogistics_AppendsTheScan()
    {
        using var put = await Server.SendAsync(HttpMethod.Put, "/api/orders/O-REST-4", body: Order("c-rest-4"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var scan = await Server.SendAsync(HttpMethod.Post, "/api/orders/O-REST-4/logistics", body: new
        {
            at = DateTimeOffset.UtcNow.AddMinutes(-5),
            status = "picked_up",
            location = "Hangzhou",
            description = "Picked up by the carrier",
        });

        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        var order = await scan.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("picked_up", order.GetProperty("logistics")[0].GetProperty("status").GetString());
    }
}
