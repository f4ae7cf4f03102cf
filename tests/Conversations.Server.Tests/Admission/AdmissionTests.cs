using Conversations.Abstractions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Admission;

public sealed class AdmissionTests
{
    [Fact]
    public async Task StartSession_PastTheActiveSessionLimit_IsOverloadedWithRetryHint_ButResumesStillWork()
    {
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:Admission:MaxActiveSessions"] = "1",
            ["Conversations:Admission:RetryAfterSeconds"] = "7",
        });
        await using var first = await server.ConnectCustomerAsync("c-first");
        var (opened, _) = await ServerHost.StartSessionAsync(first);

        await using var second = await server.ConnectCustomerAsync("c-second");
        var message = await Hub.FailsWithAsync(ErrorCodes.Overloaded, () => second.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" }));
        Assert.Contains("retry after 7 s", message, StringComparison.Ordinal);

        var resumed = await first.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });
        Assert.True(resumed.Resumed);
        Assert.Equal(opened.SessionId, resumed.SessionId);
    }

    [Fact]
    public async Task StartSession_PastTheNewSessionRate_IsOverloaded()
    {
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:Admission:MaxNewSessionsPerSecond"] = "0.001",
            ["Conversations:Admission:NewSessionsBurst"] = "2",
        });
        await using var a = await server.ConnectCustomerAsync("c-a");
        await using var b = await server.ConnectCustomerAsync("c-b");
        await using var c = await server.ConnectCustomerAsync("c-c");
        await a.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });
        await b.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });
        // A resumed session does not use up the rate…
        await a.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });

        // …but a third new one is refused.
        var message = await Hub.FailsWithAsync(ErrorCodes.Overloaded, () => c.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" }));
        Assert.Contains("retry after", message, StringComparison.Ordinal);
    }
}
