namespace Conversations.Runtime;

/// <summary>Makes grain references (no I/O: grains always exist) and observer references.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;

    TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey;

    /// <summary>A reference of interface <typeparamref name="TInterface"/> to an existing grain or observer id.</summary>
    TInterface GetReference<TInterface>(GrainId grainId) where TInterface : IAddressable;

    /// <summary>A reference through which grains can call <paramref name="observer"/>, an object in this process.</summary>
    TObserver CreateObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver;

    void DeleteObjectReference<TObserver>(TObserver reference) where TObserver : IGrainObserver;
}
