namespace Conversations.Runtime;

/// <summary>New activations of the grain are placed on the silo of the first caller when it is active.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PreferLocalPlacementAttribute : Attribute;
