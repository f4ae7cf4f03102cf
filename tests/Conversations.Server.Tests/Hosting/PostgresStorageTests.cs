using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Knowledge;
using Conversations.Runtime.Testing;
using Conversations.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Server_OnPostgres_KeepsKnowledgeEditsAcrossRestarts_AndSeedsTheShippedEntriesOnce()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Conversations:Storage"] = "postgres",
            ["ConnectionStrings:Postgres"] = db.ConnectionString,
        };

        string deletedDemoEntry;
        await using (var server = await ServerHost.StartAsync(settings))
        {
            var seeded = await KnowledgeIdsAsync(server);
            Assert.NotEmpty(seeded);
            deletedDemoEntry = seeded[0];
            using var delete = await server.SendAsync(HttpMethod.Delete, $"/api/knowledge/{deletedDemoEntry}");
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            using var put = await server.SendAsync(HttpMethod.Put, $"/api/knowledge/{ZorblaxEntry.Id}", body: ZorblaxEntry.Body);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await using (var restarted = await ServerHost.StartAsync(settings))
        {
            var ids = await KnowledgeIdsAsync(restarted);
            var answeredFrom = restarted.Services.GetRequiredService<KnowledgeBase>().Search(ZorblaxEntry.Question, "en").FirstOrDefault();

            Assert.Contains(ZorblaxEntry.Id, ids);
            Assert.DoesNotContain(deletedDemoEntry, ids);
            Assert.Equal(ZorblaxEntry.Id, answeredFrom?.Entry.Id);
        }
    }

    private static async Task<List<string>> KnowledgeIdsAsync(ServerHost server)
    {
        using var list = await server.SendAsync(HttpMethod.Get, "/api/knowledge");
        var entries = await list.Content.ReadFromJsonAsync<JsonElement>();
        return entries.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
    }
}
