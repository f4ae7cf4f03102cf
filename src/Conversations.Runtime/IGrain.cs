namespace Conversations.Runtime;

/// <summary>Marker for grain interfaces; use <see cref="IGrainWithStringKey"/> or <see cref="IGrainWithGuidKey"/>.</summary>
#pragma warning disable CA1040
public interface IGrain : IAddressable;
#pragma warning restore CA1040
