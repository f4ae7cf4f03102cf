namespace Conversations.Runtime;

/// <summary>This interface method may interleave with any other call of a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
