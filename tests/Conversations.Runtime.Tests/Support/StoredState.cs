using Conversations.Runtime.Invocation;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Tests.Support;

/// <summary>A grain's state as a store holds it, read by the test straight from the store.</summary>
public sealed class StoredState<T> : IGrainState<T>
{
    public T State { get; set; } = default!;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    /// <summary>Reads state <paramref name="stateName"/> of <paramref name="grain"/> from the silo's store named <paramref name="store"/>.</summary>
    public static async Task<StoredState<T>> ReadAsync(IServiceProvider services, string store, string stateName, IAddressable grain)
    {
        var stored = new StoredState<T>();
        await services.GetRequiredKeyedService<IGrainStorage>(store).ReadStateAsync(stateName, ((GrainReference)grain).GrainId, stored);
        return stored;
    }
}
