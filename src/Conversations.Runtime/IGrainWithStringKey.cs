namespace Conversations.Runtime;

/// <summary>A grain addressed by a string key.</summary>
#pragma warning disable CA1040
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040
