using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Runtime;

namespace Conversations.Server.Demo;

/// <summary>
/// Loads the demo customers, agents and orders through the grains' admin methods once the silo runs. Safe to
/// repeat on durable storage: profiles and orders are upserts, and logistics are added only to orders without any.
/// </summary>
public sealed class DemoDataLoader(IGrainFactory grains, TimeProvider time, ILogger<DemoDataLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failures = 0;
        var customers = DemoData.Customers();
        foreach (var customer in customers)
        {
            failures += await TryAsync("customer", customer.CustomerId, () =>
                grains.GetGrain<ICustomerGrain>(customer.CustomerId).SetProfile(new CustomerProfile(customer.Name, customer.Tier, customer.Language, [])));
        }

        var agents = DemoData.Agents();
        foreach (var agent in agents)
        {
            failures += await TryAsync("agent", agent.AgentId, () =>
                grains.GetGrain<IAgentGrain>(agent.AgentId).SetProfile(new AgentProfile(agent.Name, agent.Skills, agent.Languages, agent.Capacity)));
        }

        var orders = DemoData.Orders();
        foreach (var order in orders)
        {
            failures += await TryAsync("order", order.OrderId, () => LoadOrderAsync(order, now));
        }

        logger.LogInformation(
            "Demo data: {Customers} customers, {Agents} agents, {Orders} orders loaded{Failures}",
            customers.Count, agents.Count, orders.Count, failures == 0 ? string.Empty : $" ({failures} refused, see warnings)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadOrderAsync(DemoOrder order, DateTimeOffset now)
    {
        var grain = grains.GetGrain<IOrderGrain>(order.OrderId);
        var view = await grain.Upsert(DemoData.ToDocument(order, now));
        if (view.Logistics.Count > 0) return;
        foreach (var scan in DemoData.ToLogistics(order, now)) await grain.AppendLogistics(scan);
    }

    private async Task<int> TryAsync(string what, string id, Func<Task> load)
    {
        try
        {
            await load();
            return 0;
        }
        catch (Exception e)
        {
            // One bad demo record must not keep the demo from starting.
            logger.LogWarning(e, "Demo {What} {Id} was not loaded", what, id);
            return 1;
        }
    }
}
