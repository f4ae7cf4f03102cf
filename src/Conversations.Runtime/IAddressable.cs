namespace Conversations.Runtime;

/// <summary>Anything the runtime can address: grains and observers.</summary>
#pragma warning disable CA1040 // marker interface, as in Orleans
public interface IAddressable;
#pragma warning restore CA1040
