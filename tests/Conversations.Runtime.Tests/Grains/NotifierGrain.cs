namespace Conversations.Runtime.Tests.Grains;

public sealed class NotifierGrain : Grain, INotifierGrain
{
    private readonly List<IPingObserver> _observers = [];

    public Task Subscribe(IPingObserver observer)
    {
        _observers.Add(observer);
        return Task.CompletedTask;
    }

    public async Task Notify(string text)
    {
        foreach (var observer in _observers) await observer.Ping(text);
    }
}
