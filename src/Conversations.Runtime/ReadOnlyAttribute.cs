namespace Conversations.Runtime;

/// <summary>The method changes no state: read-only calls may interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
