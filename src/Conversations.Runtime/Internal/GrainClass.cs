using System.Reflection;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Internal;

/// <summary>What the runtime knows about one grain implementation class, worked out once at start-up.</summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<ActivationData, object>[] _arguments;
    private readonly int[] _stateArgumentIndexes;

    public GrainClass(Type implementation, IServiceProvider services, RuntimeOptions options)
    {
        if (!typeof(Grain).IsAssignableFrom(implementation) || implementation.IsAbstract)
        {
            throw new ArgumentException($"{implementation.FullName} is not a concrete class derived from Grain.", nameof(implementation));
        }

        Implementation = implementation;
        TypeName = implementation.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(implementation);
        IsReentrant = implementation.GetCustomAttribute<ReentrantAttribute>() is not null;
        StatelessWorkerMax = implementation.GetCustomAttribute<StatelessWorkerAttribute>()?.MaxLocalWorkers ?? 0;
        PreferLocal = implementation.GetCustomAttribute<PreferLocalPlacementAttribute>() is not null;
        var ageLimit = implementation.GetCustomAttribute<CollectionAgeLimitAttribute>();
        if (ageLimit is not null && ageLimit.Age <= TimeSpan.Zero)
        {
            // Falling back to the default would hide the mistake: the grain would live far longer than its author meant.
            throw new InvalidOperationException(
                $"{implementation.FullName} has [CollectionAgeLimit] of {ageLimit.Age}: the age must be positive (set Minutes and/or Seconds).");
        }

        CollectionAge = ageLimit?.Age ?? options.CollectionAge;
        Interfaces = implementation.GetInterfaces()
            .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i != typeof(IGrainWithStringKey)
                && i != typeof(IGrainWithGuidKey) && i != typeof(IRemindable))
            .ToArray();

        _constructor = implementation.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{implementation.FullName} has no public constructor.", nameof(implementation));
        var parameters = _constructor.GetParameters();
        _arguments = new Func<ActivationData, object>[parameters.Length];
        var stateIndexes = new List<int>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (stateAttribute is not null)
            {
                _arguments[i] = StateFactory(implementation, parameter, stateAttribute, services);
                stateIndexes.Add(i);
            }
            else
            {
                var type = parameter.ParameterType;
                _arguments[i] = _ => services.GetService(type)
                    ?? throw new InvalidOperationException($"Grain {implementation.Name} needs a {type.Name} (constructor parameter '{parameter.Name}') but none is registered.");
            }
        }

        _stateArgumentIndexes = [.. stateIndexes];
    }

    public Type Implementation { get; }

    public string TypeName { get; }

    public bool IsReentrant { get; }

    public int StatelessWorkerMax { get; }

    public bool IsStatelessWorker => StatelessWorkerMax > 0;

    public bool PreferLocal { get; }

    public TimeSpan CollectionAge { get; }

    public IReadOnlyList<Type> Interfaces { get; }

    public bool IsRemindable => typeof(IRemindable).IsAssignableFrom(Implementation);

    /// <summary>Constructs the grain; <paramref name="states"/> receives its persistent states, to be read before activation.</summary>
    public object Create(ActivationData activation, out IStateLoader[] states)
    {
        var arguments = new object[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = _arguments[i](activation);
        states = _stateArgumentIndexes.Length == 0 ? [] : new IStateLoader[_stateArgumentIndexes.Length];
        for (var i = 0; i < states.Length; i++) states[i] = (IStateLoader)arguments[_stateArgumentIndexes[i]];
        return _constructor.Invoke(arguments);
    }

    public static string DefaultTypeName(Type implementation)
    {
        var name = implementation.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length) name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }

    private static Func<ActivationData, object> StateFactory(Type implementation, ParameterInfo parameter, PersistentStateAttribute attribute, IServiceProvider services)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new ArgumentException($"{implementation.Name}: parameter '{parameter.Name}' has [PersistentState] but is not IPersistentState<T>.");
        }

        var stateType = type.GetGenericArguments()[0];
        var create = (Func<ActivationData, string, IGrainStorage, object>)typeof(GrainClass)
            .GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(stateType)
            .CreateDelegate(typeof(Func<ActivationData, string, IGrainStorage, object>));
        var storageName = attribute.StorageName;
        var stateName = attribute.StateName;
        var storage = services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException($"Grain {implementation.Name} uses grain storage '{storageName}' but none is registered under that name.");
        return activation => create(activation, stateName, storage);
    }

    private static object CreateState<TState>(ActivationData activation, string stateName, IGrainStorage storage) =>
        new PersistentState<TState>(activation, stateName, storage);
}
