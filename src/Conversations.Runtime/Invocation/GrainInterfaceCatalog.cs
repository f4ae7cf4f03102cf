using System.Collections.Concurrent;
using System.Reflection;

namespace Conversations.Runtime.Invocation;

/// <summary>
/// Every grain interface the process knows: how to make a reference to it and how to rebuild a request
/// from a method id and arguments (for messages that arrive from another silo). Filled from the
/// generated registries, one assembly at a time, the first time an interface of that assembly is used.
/// </summary>
public sealed class GrainInterfaceCatalog
{
    private readonly ConcurrentDictionary<Type, Func<IGrainReferenceRuntime, GrainId, GrainReference>> _proxies = new();
    private readonly ConcurrentDictionary<(string Interface, int MethodId), (MethodDescriptor Descriptor, Func<object?[], Request> Factory)> _methods = new();
    private readonly ConcurrentDictionary<string, Type> _interfacesByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Assembly, Lazy<bool>> _loadedAssemblies = new();

    /// <summary>The process-wide catalog (generated code is static, so one catalog serves every silo in a process).</summary>
    public static GrainInterfaceCatalog Shared { get; } = new();

    public void AddInterface(Type interfaceType, Func<IGrainReferenceRuntime, GrainId, GrainReference> factory)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        ArgumentNullException.ThrowIfNull(factory);
        _proxies[interfaceType] = factory;
        _interfacesByName[interfaceType.FullName ?? interfaceType.Name] = interfaceType;
    }

    public void AddMethod(MethodDescriptor descriptor, Func<object?[], Request> factory)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(factory);
        _methods[(descriptor.InterfaceName, descriptor.MethodId)] = (descriptor, factory);
    }

    /// <summary>Makes a reference of interface <paramref name="interfaceType"/> to <paramref name="grainId"/>.</summary>
    public GrainReference CreateReference(Type interfaceType, IGrainReferenceRuntime runtime, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        if (!_proxies.TryGetValue(interfaceType, out var factory))
        {
            EnsureLoaded(interfaceType.Assembly);
            if (!_proxies.TryGetValue(interfaceType, out factory))
            {
                throw new ArgumentException(
                    $"'{interfaceType.FullName}' is not a grain or observer interface known to the runtime: it must derive from IGrainWithStringKey, IGrainWithGuidKey or IGrainObserver, and its assembly must reference Conversations.Runtime.Generators.",
                    nameof(interfaceType));
            }
        }

        return factory(runtime, grainId);
    }

    public Type? FindInterface(string interfaceName) => _interfacesByName.TryGetValue(interfaceName, out var type) ? type : null;

    public bool TryGetMethod(string interfaceName, int methodId, out MethodDescriptor descriptor, out Func<object?[], Request> factory)
    {
        if (_methods.TryGetValue((interfaceName, methodId), out var entry))
        {
            descriptor = entry.Descriptor;
            factory = entry.Factory;
            return true;
        }

        descriptor = null!;
        factory = null!;
        return false;
    }

    /// <summary>Registers the generated references of <paramref name="assembly"/> (idempotent).</summary>
    public void EnsureLoaded(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        // Every caller waits until the assembly's references are registered, not only the first one.
        _ = _loadedAssemblies.GetOrAdd(assembly, a => new Lazy<bool>(() => Register(a), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private bool Register(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<GrainInterfaceRegistryAttribute>();
        if (attribute is null) return false;
        var registry = (IGrainInterfaceRegistry)Activator.CreateInstance(attribute.RegistryType)!;
        registry.Register(this);
        return true;
    }
}
