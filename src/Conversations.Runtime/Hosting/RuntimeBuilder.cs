using System.Reflection;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Reminders;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Runtime.Hosting;

/// <summary>Adds grains and providers to a silo's services.</summary>
public sealed class RuntimeBuilder
{
    internal RuntimeBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    /// <summary>Hosts every concrete grain class of <paramref name="assembly"/>.</summary>
    public RuntimeBuilder AddGrains(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(Grain).IsAssignableFrom(t) && !t.IsGenericTypeDefinition))
        {
            Services.AddSingleton(new GrainClassRegistration(type));
        }

        return this;
    }

    public RuntimeBuilder AddGrain<TGrain>() where TGrain : Grain
    {
        Services.AddSingleton(new GrainClassRegistration(typeof(TGrain)));
        return this;
    }

    public RuntimeBuilder AddMemoryGrainStorage(string name = PersistentStateAttribute.DefaultStorageName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new MemoryGrainStorage(sp.GetRequiredService<GrainStateSerializer>()));
        return this;
    }

    /// <summary>
    /// Runs the silo as a member of a cluster: TCP transport on <see cref="ClusterOptions.SiloPort"/> and
    /// membership in the table <paramref name="membershipTable"/> makes (shared by every silo of the cluster).
    /// </summary>
    public RuntimeBuilder UseCluster(Func<IServiceProvider, IMembershipTable> membershipTable, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(membershipTable);
        var options = Services.AddOptions<ClusterOptions>();
        if (configure is not null) options.Configure(configure);
        Services.Replace(ServiceDescriptor.Singleton(membershipTable));
        Services.Replace(ServiceDescriptor.Singleton(sp => new TcpMessageTransport(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value,
            RuntimeServiceCollectionExtensions.CreateJsonOptions(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TcpMessageTransport>>())));
        Services.Replace(ServiceDescriptor.Singleton<IMessageTransport>(sp => sp.GetRequiredService<TcpMessageTransport>()));
        Services.Replace(ServiceDescriptor.Singleton(sp => new ClusterMembership(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value,
            sp.GetRequiredService<IMembershipTable>(),
            sp.GetRequiredService<TcpMessageTransport>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ClusterMembership>>())));
        Services.Replace(ServiceDescriptor.Singleton<IClusterMembership>(sp => sp.GetRequiredService<ClusterMembership>()));
        return this;
    }

    public RuntimeBuilder AddMemoryReminders()
    {
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, MemoryReminderTable>());
        return this;
    }
}
