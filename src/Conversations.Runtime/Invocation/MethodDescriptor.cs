namespace Conversations.Runtime.Invocation;

/// <summary>What the runtime knows about one grain interface method; one static instance per method.</summary>
public sealed class MethodDescriptor
{
    public MethodDescriptor(Type interfaceType, string name, int methodId, MethodFlags flags, TimeSpan? responseTimeout, Type[] parameterTypes, Type? resultType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        InterfaceType = interfaceType;
        Name = name;
        MethodId = methodId;
        Flags = flags;
        ResponseTimeout = responseTimeout;
        ParameterTypes = parameterTypes;
        ResultType = resultType;
        InterfaceName = interfaceType.FullName ?? interfaceType.Name;
        FullName = InterfaceName + "." + name;
    }

    public Type InterfaceType { get; }

    public string InterfaceName { get; }

    public string Name { get; }

    public string FullName { get; }

    public int MethodId { get; }

    public MethodFlags Flags { get; }

    public TimeSpan? ResponseTimeout { get; }

    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>The result type, or null for methods returning Task or ValueTask.</summary>
    public Type? ResultType { get; }

    public bool IsOneWay => (Flags & MethodFlags.OneWay) != 0;

    public bool IsAlwaysInterleave => (Flags & MethodFlags.AlwaysInterleave) != 0;

    public override string ToString() => FullName;
}
