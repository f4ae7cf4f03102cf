using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Knowledge;
using Conversations.Runtime;
using Conversations.Runtime.Testing;
using Conversations.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Server.Tests.Api;

/// <summary>Two servers, one cluster (PostgreSQL membership and storage): the knowledge base is the cluster's, not a silo's.</summary>
public sealed class KnowledgeClusterTests
{
    private static readonly TimeSpan s_syncDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EntryPutThroughOneSilo_IsListedAndAnsweredOnTheOther_AndADeleteRemovesItEverywhere()
    {
        await using var servers = await ServerPair.StartAsync(realBot: true);
        var (serverA, serverB) = (servers.A, servers.B);

        using (var put = await serverA.SendAsync(HttpMethod.Put, $"/api/knowledge/{ZorblaxEntry.Id}", body: ZorblaxEntry.Body))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await InStepAsync(serverA, serverB);
        Assert.Contains(ZorblaxEntry.Id, await ListAsync(serverB));
        Assert.Equal(ZorblaxEntry.Id, TopHit(serverB));
        Assert.Equal(ZorblaxEntry.Answer, (await AskAsync(serverB, "c-kb-b")).Text);

        using (var delete = await serverB.SendAsync(HttpMethod.Delete, $"/api/knowledge/{ZorblaxEntry.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await InStepAsync(serverA, serverB);
        Assert.DoesNotContain(ZorblaxEntry.Id, await ListAsync(serverA));
        Assert.NotEqual(ZorblaxEntry.Id, TopHit(serverA));
        Assert.NotEqual(ZorblaxEntry.Id, TopHit(serverB));
        Assert.NotEqual(ZorblaxEntry.Answer, (await AskAsync(serverA, "c-kb-a")).Text);
    }

    /// <summary>Waits until every server's search index holds the cluster's current knowledge version.</summary>
    private static async Task InStepAsync(params ServerHost[] servers)
    {
        var version = await servers[0].Services.GetRequiredService<IGrainFactory>().GetKnowledgeBase().GetVersion();
        await Task.WhenAll(servers.Select(s => s.Services.GetRequiredService<KnowledgeSync>().WaitForVersionAsync(version).WaitAsync(s_syncDeadline)));
    }

    private static async Task<List<string?>> ListAsync(ServerHost server)
    {
        using var list = await server.SendAsync(HttpMethod.Get, "/api/knowledge?language=en");
        var entries = await list.Content.ReadFromJsonAsync<JsonElement>();
        return entries.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
    }

    /// <summary>The entry this server's bot finds first for the sample question, from the index it answers with.</summary>
    private static string? TopHit(ServerHost server) =>
        server.Services.GetRequiredService<KnowledgeBase>().Search(ZorblaxEntry.Question, "en").FirstOrDefault()?.Entry.Id;

    private static async Task<Abstractions.Sessions.ConversationEvent> AskAsync(ServerHost server, string customerId)
    {
        await using var customer = await server.ConnectCustomerAsync(customerId);
        var (session, events) = await ServerHost.StartSessionAsync(customer);
        return await ServerHost.AskBotAsync(customer, session.SessionId, events, ZorblaxEntry.Question);
    }
}
