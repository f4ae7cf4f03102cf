using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Orders;

/// <summary>Registers what the order grain needs: its policy options, bound and validated.</summary>
public static class OrderServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OrderPolicyOptions"/>, bound from <c>Conversations:Orders</c> when
    /// <paramref name="configuration"/> is given and validated at start (and on first use).
    /// </summary>
    public static IServiceCollection AddOrderPolicies(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OrderPolicyOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(OrderPolicyOptions.SectionName));
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrderPolicyOptions>, OrderPolicyOptionsValidator>());
        return services;
    }
}
