namespace Conversations.Grains.Transcripts.Internal;

/// <summary>An append waiting in the group-commit queue; its task completes when its batch is committed.</summary>
internal sealed class PendingAppend(string sessionId, IReadOnlyList<TranscriptAppend> events)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string SessionId { get; } = sessionId;

    public IReadOnlyList<TranscriptAppend> Events { get; } = events;

    public Task Task => _done.Task;

    public void Succeed() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
