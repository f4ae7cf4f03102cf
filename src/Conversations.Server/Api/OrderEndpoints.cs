using Conversations.Abstractions;
using Conversations.Abstractions.Orders;
using Conversations.Runtime;
using Conversations.Server.Auth;

namespace Conversations.Server.Api;

/// <summary><c>/api/orders</c>: import orders and logistics (admin); read an order (admin, or the customer who owns it).</summary>
public static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var orders = api.MapGroup("/orders");

        orders.MapPut("/{orderId}", async (string orderId, HttpRequest request, IGrainFactory grains) =>
        {
            var id = RouteInput.Id(orderId, "orderId");
            var document = await ApiJson.ReadAsync<OrderDocument>(request);
            return Results.Ok(await grains.GetGrain<IOrderGrain>(id).Upsert(document));
        }).RequireAuthorization(AuthPolicies.Admin);

        orders.MapGet("/{orderId}", async (string orderId, HttpContext context, IGrainFactory grains) =>
        {
            var id = RouteInput.Id(orderId, "orderId");
            var order = grains.GetGrain<IOrderGrain>(id);
            // The order grain refuses (E_FORBIDDEN) a customer who does not own the order.
            return context.User.Role() switch
            {
                ConversationRoles.Admin => Results.Ok(await order.Get(null)),
                ConversationRoles.Customer => Results.Ok(await order.Get(context.User.CallerId())),
                _ => throw ConversationException.Forbidden("orders are open to admins and to the customer who placed them."),
            };
        }).RequireAuthorization(AuthPolicies.AnyRole);

        orders.MapPost("/{orderId}/logistics", async (string orderId, HttpRequest request, IGrainFactory grains) =>
        {
            var id = RouteInput.Id(orderId, "orderId");
            var logistics = await ApiJson.ReadAsync<LogisticsEvent>(request);
            return Results.Ok(await grains.GetGrain<IOrderGrain>(id).AppendLogistics(logistics));
        }).RequireAuthorization(AuthPolicies.Admin);

        return api;
    }
}
