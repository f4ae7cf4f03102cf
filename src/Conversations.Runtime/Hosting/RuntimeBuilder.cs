using System.Reflection;
using Conversations.Runtime.Reminders;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    public RuntimeBuilder AddMemoryReminders()
    {
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, MemoryReminderTable>());
        return this;
    }
}
