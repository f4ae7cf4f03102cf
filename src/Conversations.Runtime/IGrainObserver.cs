namespace Conversations.Runtime;

/// <summary>An object outside the grain world that grains can call through a reference (see <see cref="IGrainFactory.CreateObjectReference{T}"/>).</summary>
#pragma warning disable CA1040
public interface IGrainObserver : IAddressable;
#pragma warning restore CA1040
