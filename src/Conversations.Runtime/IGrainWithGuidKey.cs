namespace Conversations.Runtime;

/// <summary>A grain addressed by a Guid key.</summary>
#pragma warning disable CA1040
public interface IGrainWithGuidKey : IGrain;
#pragma warning restore CA1040
