namespace Conversations.Runtime.Internal;

/// <summary>Where an activation is in its life.</summary>
internal enum ActivationState
{
    Created,
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
