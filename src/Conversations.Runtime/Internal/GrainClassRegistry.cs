using System.Collections.Concurrent;

namespace Conversations.Runtime.Internal;

/// <summary>The grain classes of this silo, by grain type name and by the interfaces they implement.</summary>
internal sealed class GrainClassRegistry
{
    private readonly Dictionary<string, GrainClass> _byTypeName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, GrainClass> _byInterface = [];
    private readonly HashSet<Type> _ambiguous = [];
    private readonly ConcurrentDictionary<Type, string> _typeNames = new();

    public GrainClassRegistry(IEnumerable<GrainClass> classes)
    {
        foreach (var grainClass in classes)
        {
            if (_byTypeName.TryGetValue(grainClass.TypeName, out var existing) && existing.Implementation != grainClass.Implementation)
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.Implementation.FullName} and {grainClass.Implementation.FullName} share the grain type name '{grainClass.TypeName}'; give one a [GrainType].");
            }

            _byTypeName[grainClass.TypeName] = grainClass;
            foreach (var iface in grainClass.Interfaces)
            {
                if (_byInterface.TryGetValue(iface, out var other) && other != grainClass) _ambiguous.Add(iface);
                else _byInterface[iface] = grainClass;
            }
        }
    }

    public IEnumerable<GrainClass> All => _byTypeName.Values;

    public bool TryGet(string typeName, out GrainClass grainClass) => _byTypeName.TryGetValue(typeName, out grainClass!);

    /// <summary>The grain type name of the one class implementing <paramref name="grainInterface"/>.</summary>
    public string TypeNameFor(Type grainInterface) => _typeNames.GetOrAdd(grainInterface, static (iface, self) =>
    {
        if (self._ambiguous.Contains(iface))
        {
            throw new ArgumentException($"Several grain classes implement {iface.FullName}; a grain interface must have exactly one implementation.");
        }

        return self._byInterface.TryGetValue(iface, out var grainClass)
            ? grainClass.TypeName
            : throw new ArgumentException($"No grain class implementing {iface.FullName} is registered with the runtime (AddGrains).");
    }, this);
}
