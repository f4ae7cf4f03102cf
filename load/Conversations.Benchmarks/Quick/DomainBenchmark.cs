using System.Diagnostics;
using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;
using Conversations.Grains;
using Conversations.Grains.Sessions;
using Conversations.Grains.Transcripts;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// <c>domain [memory|postgres]</c>: sessions started per second, bytes per resident idle session, and
/// acknowledged customer messages per second through SessionGrain (each also gets a bot reply), with the
/// memory or PostgreSQL transcript store. PostgreSQL comes from CONVERSATIONS_TEST_POSTGRES (run it under
/// scripts/with-postgres.sh); its figures include how many appends each group-commit flush carried.
/// </summary>
public static class DomainBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = args.Contains("postgres");
        PostgresTestDatabase? database = postgres ? await PostgresTestDatabase.CreateAsync() : null;
        try
        {
            var results = new Dictionary<string, object> { ["transcriptStore"] = postgres ? "postgres" : "memory" };
            await using var cluster = await StartAsync(database?.ConnectionString);
            var factory = cluster.GrainFactory;
            await factory.GetGrain<ICustomerGrain>("warm").StartSession("web", "en", null);

            const int sessions = 20_000;
            var before = Heap();
            var stopwatch = Stopwatch.StartNew();
            var ids = new string[sessions];
            await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 500 }, async (i, _) =>
                ids[i] = (await factory.GetGrain<ICustomerGrain>($"bench-c-{i}").StartSession("web", "en", null)).SessionId);
            results["sessionsStartedPerSec"] = Math.Round(sessions / stopwatch.Elapsed.TotalSeconds);
            results["bytesPerIdleSession"] = Math.Round((Heap() - before) / (double)sessions);
            Console.Error.WriteLine($"sessions started/s {results["sessionsStartedPerSec"]}, bytes per idle session {results["bytesPerIdleSession"]} (customer grain, session grain, welcome events{(postgres ? "" : " in the memory transcript")})");

            var store = cluster.GetService<ITranscriptStore>() as PostgresTranscriptStore;
            var flushesBefore = store?.FlushCount ?? 0;
            var appendsBefore = store?.AppendCount ?? 0;
            var acked = await PostForAsync(factory, ids[..2000], TimeSpan.FromSeconds(1));
            acked = await PostForAsync(factory, ids[..2000], TimeSpan.FromSeconds(5));
            results["messagesAckedPerSec"] = Math.Round(acked / 5.0);
            if (store is not null)
            {
                var appends = store.AppendCount - appendsBefore;
                var flushes = store.FlushCount - flushesBefore;
                results["transcriptAppends"] = appends;
                results["transcriptFlushes"] = flushes;
                results["appendsPerFlush"] = Math.Round(appends / (double)Math.Max(1, flushes), 1);
            }

            Console.Error.WriteLine($"customer messages acknowledged/s {results["messagesAckedPerSec"]} (2,000 sessions, one message in flight each)");
            Console.WriteLine(JsonSerializer.Serialize(results));
            return 0;
        }
        finally
        {
            if (database is not null) await database.DisposeAsync();
        }
    }

    private static async Task<long> PostForAsync(Conversations.Runtime.IGrainFactory factory, string[] sessionIds, TimeSpan duration)
    {
        var stop = false;
        var counts = new long[sessionIds.Length];
        var tasks = sessionIds.Select((id, index) => Task.Run(async () =>
        {
            var session = factory.GetGrain<ISessionGrain>(id);
            var customer = $"bench-c-{index}";
            long n = 0;
            while (!Volatile.Read(ref stop))
            {
                await session.PostCustomerMessage(customer, Guid.NewGuid().ToString("N"), "where is my order");
                n++;
            }

            counts[index] = n;
        })).ToArray();
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks);
        return counts.Sum();
    }

    private static Task<TestCluster> StartAsync(string? postgres)
    {
        var settings = new Dictionary<string, string?>();
        if (postgres is not null)
        {
            settings["Conversations:Storage"] = "postgres";
            settings["ConnectionStrings:Postgres"] = postgres;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new TestClusterBuilder()
            .AddGrains(typeof(SessionGrain).Assembly)
            .ConfigureServices(services =>
            {
                services.AddConversationsDomainServices(configuration);
                services.AddSingleton<IConversationBot, EchoBot>();
            });
        if (postgres is not null) builder.UsePostgres(postgres);
        return builder.BuildAndStartAsync();
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
