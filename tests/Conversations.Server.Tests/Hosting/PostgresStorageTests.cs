using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime.Testing;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hosting;

public sealed class PostgresStorageTests
{
    [Fact]
    public async Task Server_OnPostgres_IsReady_AndKeepsConversationsAcrossRestarts()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Conversations:Storage"] = "postgres",
            ["ConnectionStrings:Postgres"] = db.ConnectionString,
        };

        string sessionId;
        long lastSeq;
        await using (var server = await ServerHost.StartAsync(settings))
        {
            using var ready = await server.Http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("postgres", report.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString(), StringComparison.Ordinal);

            await using var customer = await server.ConnectCustomerAsync("c-durable");
            var (session, events) = await ServerHost.StartSessionAsync(customer);
            sessionId = session.SessionId;
            await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "d-1", text = "remember me" });
            lastSeq = (await events.WaitForAsync(e => e.Text == "Echo: remember me")).Seq;
        }

        await using (var restarted = await ServerHost.StartAsync(settings))
        {
            await using var customer = await restarted.ConnectCustomerAsync("c-durable");
            var resumed = await customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });
            var history = await customer.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 });

            Assert.True(resumed.Resumed);
            Assert.Equal(sessionId, resumed.SessionId);
            Assert.Equal(lastSeq, resumed.LastSeq);
            Assert.Contains(history, e => e.Text == "remember me");
            Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(i => (long)i), history.Select(e => e.Seq));
        }
    }
}
