namespace Conversations.Runtime;

/// <summary>The caller does not wait: the call returns at once and failures are only logged.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
