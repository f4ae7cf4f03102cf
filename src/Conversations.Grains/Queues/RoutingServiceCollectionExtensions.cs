using Conversations.Abstractions.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Queues;

/// <summary>Registers what the queue and agent grains need: <see cref="QueueOptions"/>, bound and validated at start.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="QueueOptions"/>, bound from <c>Conversations:Routing</c> when <paramref name="configuration"/> is
    /// given; a bad value stops the start with an error naming its key. (<c>ConversationStats</c> is registered by the
    /// domain composition.)
    /// </summary>
    public static IServiceCollection AddRouting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<QueueOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(QueueOptions.SectionName));
        options.Validate(o =>
        {
            o.Validate();
            return true;
        });
        options.ValidateOnStart();
        return services;
    }
}
