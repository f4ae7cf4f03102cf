using Conversations.Grains.Orders;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Tests.Orders;

/// <summary>
/// Test clusters for the order tests: the order grain, a recording customer grain, a fake clock, and the policies
/// bound from <paramref name="configuration"/> as the server binds them (defaults without it).
/// </summary>
public static class OrderClusters
{
    public static TestClusterBuilder Builder(CustomerOrderLog log, IConfiguration? configuration = null) => new TestClusterBuilder()
        .UseFakeTime()
        .ConfigureServices(services =>
        {
            services.AddSingleton(new GrainClassRegistration(typeof(OrderGrain)));
            services.AddSingleton(new GrainClassRegistration(typeof(RecordingCustomerGrain)));
            services.AddSingleton(log);
            services.AddOrderPolicies(configuration);
        });
}
