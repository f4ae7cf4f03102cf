using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Client.Tests.Fixtures;

/// <summary>A hub exercising every interaction the client supports.</summary>
public sealed class TestHub(HubProbe probe) : Hub
{
    public EchoReply Echo(EchoRequest request) =>
        new(request.Text, request.Count, request.OrderId, Context.ConnectionId);

    /// <summary>Returns the argument exactly as it arrived on the wire.</summary>
    public string DescribeArgument(JsonElement argument) => argument.GetRawText();

    /// <summary>The address the caller's WebSocket came from.</summary>
    public string? CallerAddress() => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();

    public int Add(int left, int right) => left + right;

    public async Task<int> Square(int value)
    {
        // Yielding lets completions of concurrent calls overtake each other.
        await Task.Yield();
        return value * value;
    }

    public void Remember(string value) => probe.Remember(value);

    public Task PushToCaller(string text) => Clients.Caller.SendAsync("Notice", new Notice(text, 2));

    public Task PushPair(int number, string word) => Clients.Caller.SendAsync("Pair", number, word);

    public void Fail(string message) => throw new HubException(message);

    public void Crash() => throw new InvalidOperationException("internal detail the client must not see");

    public async Task Hang() => await new TaskCompletionSource().Task.WaitAsync(Context.ConnectionAborted);

    public void Abort() => Context.Abort();

    /// <summary>Asks the caller for a client result and reports what came back.</summary>
    public async Task<string> AskCaller()
    {
        try
        {
            string answer = await Clients.Caller.InvokeAsync<string>("Question", Context.ConnectionAborted);
            return "answered: " + answer;
        }
        catch (Exception ex)
        {
            return "failed: " + ex.Message;
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        probe.Disconnected(Context.ConnectionId, exception);
        return base.OnDisconnectedAsync(exception);
    }
}
