namespace Conversations.Runtime;

/// <summary>The grain's calls may interleave at awaits (they still never run in parallel).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
