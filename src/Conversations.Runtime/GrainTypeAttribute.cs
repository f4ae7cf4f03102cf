namespace Conversations.Runtime;

/// <summary>Names a grain class's type in grain ids, storage and reminders (default: the class name, lower-case, without "Grain").</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GrainTypeAttribute : Attribute
{
    public GrainTypeAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal)) throw new ArgumentException("A grain type name cannot contain '/'.", nameof(name));
        Name = name;
    }

    public string Name { get; }
}
