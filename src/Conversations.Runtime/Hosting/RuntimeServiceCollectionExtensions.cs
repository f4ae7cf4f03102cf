using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Reminders;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Runtime.Hosting;

/// <summary>Registers the actor runtime: a single silo by default, with memory reminders, started with the host.</summary>
public static class RuntimeServiceCollectionExtensions
{
    public static RuntimeBuilder AddConversationsRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RuntimeOptions>();
        if (configure is not null) options.Configure(configure);
        options.Validate(o =>
        {
            o.Validate();
            return true;
        });

        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GrainStateSerializer(CreateJsonOptions(sp)));
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        services.TryAddSingleton<IClusterMembership>(_ => new SingleSiloMembership(new SiloAddress("127.0.0.1", 11111, DateTime.UtcNow.Ticks)));
        services.TryAddSingleton<IPlacementDirector, RendezvousPlacement>();
        services.TryAddSingleton<IMessageTransport, LocalOnlyTransport>();
        services.TryAddSingleton<Silo>();
        services.TryAddSingleton(sp => sp.GetRequiredService<Silo>().GrainFactory);
        services.AddHostedService<SiloHostedService>();
        return new RuntimeBuilder(services);
    }

    /// <summary>
    /// The JSON settings of grain state and of calls between silos: web defaults, fields too (so tuples survive the
    /// trip), enums as strings, grain references as ids.
    /// </summary>
    public static JsonSerializerOptions CreateJsonOptions(IServiceProvider services)
    {
        // PostgreSQL's jsonb reorders keys, so polymorphic "$type" may not come first when state is read back.
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true, IncludeFields = true };
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        json.Converters.Add(new GrainReferenceJsonConverterFactory(services));
        return json;
    }
}
