namespace Conversations.Runtime;

/// <summary>Why an activation is going away.</summary>
public enum DeactivationReason
{
    IdleCollection,
    RequestedByGrain,
    ActivationFailed,
    InconsistentState,
    ShuttingDown,
    OwnershipChanged,
}
