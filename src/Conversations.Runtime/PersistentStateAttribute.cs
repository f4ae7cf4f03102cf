namespace Conversations.Runtime;

/// <summary>Marks a grain constructor parameter of type IPersistentState&lt;T&gt;: the runtime loads it before activation.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute : Attribute
{
    public PersistentStateAttribute(string stateName, string storageName = DefaultStorageName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        StateName = stateName;
        StorageName = storageName;
    }

    public const string DefaultStorageName = "default";

    public string StateName { get; }

    public string StorageName { get; }
}
