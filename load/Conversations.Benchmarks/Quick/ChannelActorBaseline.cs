using System.Threading.Channels;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// The hand-written baseline: one channel and one reader loop per actor, requests answered through a
/// TaskCompletionSource. What a team would write without a runtime; the runtime is measured against it.
/// </summary>
public sealed class ChannelActorBaseline : IAsyncDisposable
{
    private readonly Actor[] _actors;

    public ChannelActorBaseline(int actors)
    {
        _actors = new Actor[actors];
        for (var i = 0; i < actors; i++) _actors[i] = new Actor();
    }

    public Task<int> Ping(int actor, int value) => _actors[actor].Ping(value);

    public async ValueTask DisposeAsync()
    {
        foreach (var actor in _actors) actor.Complete();
        await Task.WhenAll(_actors.Select(a => a.Loop));
    }

    private sealed class Actor
    {
        private readonly Channel<(int Value, TaskCompletionSource<int> Reply)> _mailbox =
            Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });
        private int _calls;

        public Actor() => Loop = Task.Run(RunAsync);

        public Task Loop { get; }

        public Task<int> Ping(int value)
        {
            var reply = new TaskCompletionSource<int>();
            _mailbox.Writer.TryWrite((value, reply));
            return reply.Task;
        }

        public void Complete() => _mailbox.Writer.TryComplete();

        private async Task RunAsync()
        {
            while (await _mailbox.Reader.WaitToReadAsync())
            {
                while (_mailbox.Reader.TryRead(out var request)) request.Reply.TrySetResult(request.Value + ++_calls);
            }
        }
    }
}
