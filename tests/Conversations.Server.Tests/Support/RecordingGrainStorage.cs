using Conversations.Runtime;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Server.Tests.Support;

/// <summary>The server's grain storage, recording every write it stores so a test can wait for a state to reach it.</summary>
public sealed class RecordingGrainStorage(IGrainStorage inner, GrainStateSerializer serializer, Inbox<StateWrite> writes) : IGrainStorage
{
    /// <summary>Wraps the default grain storage registered in <paramref name="services"/>; every write lands in <paramref name="writes"/>.</summary>
    public static void Decorate(IServiceCollection services, Inbox<StateWrite> writes)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, PersistentStateAttribute.DefaultStorageName));
        var factory = registered.KeyedImplementationFactory ?? throw new InvalidOperationException("The default grain storage is not registered by a factory.");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, (sp, key) =>
            new RecordingGrainStorage((IGrainStorage)factory(sp, key), sp.GetRequiredService<GrainStateSerializer>(), writes));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        writes.Add(new StateWrite(stateName, grainId, serializer.Deserialize<T>(serializer.Serialize(grainState.State))));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
