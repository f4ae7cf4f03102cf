namespace Conversations.Runtime.Invocation;

/// <summary>Points from an assembly to its generated <see cref="IGrainInterfaceRegistry"/>.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class GrainInterfaceRegistryAttribute : Attribute
{
    public GrainInterfaceRegistryAttribute(Type registryType)
    {
        RegistryType = registryType;
    }

    public Type RegistryType { get; }
}
