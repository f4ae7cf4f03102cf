namespace Conversations.Runtime.Tests.Cluster;

/// <summary>An exception without a (string message) constructor: it crosses silos as a GrainException naming it.</summary>
public sealed class ShopSpecificException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
