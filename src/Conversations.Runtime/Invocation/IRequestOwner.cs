namespace Conversations.Runtime.Invocation;

/// <summary>Told when a request it started has finished (an activation, to start the next turn).</summary>
internal interface IRequestOwner
{
    void OnRequestCompleted(Request request, Exception? failure);
}
