using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Server.Tests.Support;
using Xunit.Abstractions;

namespace Conversations.Server.Tests.Deploy;

/// <summary>
/// Three server processes started by deploy/local/cluster.sh on a throwaway PostgreSQL, as ops start them: state
/// written through one silo survives that silo's SIGKILL and a graceful stop of another.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class LocalClusterTests(ITestOutputHelper output)
{
    private const int Orders = 20;

    // Default failure detection declares a killed silo dead within 5 s; the rest is margin for a loaded machine.
    private static readonly TimeSpan s_failoverDeadline = TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task ClusterScript_KillOneSilo_ThenStopAnother_StateReadsBackThroughTheSurvivors()
    {
        await using var cluster = LocalClusterScript.Create(maxSilos: 3);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            output.WriteLine(await cluster.RunAsync("up", "3"));
            await Task.WhenAll(Enumerable.Range(1, 3).Select(i => WaitUntilReadyAsync(http, cluster.HttpUrl(i))));
            var token = await DevTokenAsync(http, cluster.HttpUrl(1));
            var orderIds = Enumerable.Range(0, Orders).Select(i => $"O-CLUSTER-{i}").ToList();
            foreach (var id in orderIds)
            {
                using var put = await SendAsync(http, HttpMethod.Put, cluster.HttpUrl(1), id, token, Order(id));
                Assert.True(put.IsSuccessStatusCode, $"PUT {id} through silo 1: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            }

            var clock = Stopwatch.StartNew();
            output.WriteLine(await cluster.RunAsync("kill", "1"));
            foreach (var silo in new[] { 2, 3 })
            {
                foreach (var id in orderIds) await ReadBackWithinAsync(http, cluster.HttpUrl(silo), id, token, clock);
            }

            output.WriteLine($"every order read back through silos 2 and 3 {clock.ElapsedMilliseconds} ms after the kill");
            var status = await cluster.RunAsync("status");
            output.WriteLine(status);
            Assert.Contains("silo 1: stopped", status, StringComparison.Ordinal);
            Assert.Matches(@"silo 2: running .*""healthy""", status);
            Assert.Matches(@"silo 3: running .*""healthy""", status);

            var failures = await ReadContinuouslyWhileAsync(http, cluster.HttpUrl(3), orderIds, token, () => cluster.RunAsync("stop", "2"));
            Assert.True(failures.IsEmpty, "reads through silo 3 failed during the graceful stop of silo 2:\n" + string.Join('\n', failures));
            Assert.Contains("silo 2: stopped", await cluster.RunAsync("status"), StringComparison.Ordinal);
        }
        catch
        {
            output.WriteLine(cluster.LogTails());
            throw;
        }
    }

    /// <summary>Reads every order through <paramref name="silo"/> from several callers while <paramref name="during"/> runs, and once more after it; the failures.</summary>
    private async Task<ConcurrentQueue<string>> ReadContinuouslyWhileAsync(HttpClient http, Uri silo, List<string> orderIds, string token, Func<Task<string>> during)
    {
        var failures = new ConcurrentQueue<string>();
        var reads = 0;
        using var stop = new CancellationTokenSource();

        async Task ReadAsync(string id)
        {
            try
            {
                using var response = await SendAsync(http, HttpMethod.Get, silo, id, token);
                if (!response.IsSuccessStatusCode) failures.Enqueue($"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                else AssertOrder(id, await response.Content.ReadFromJsonAsync<JsonElement>());
            }
            catch (HttpRequestException exception)
            {
                failures.Enqueue($"{id}: {exception.Message}");
            }

            Interlocked.Increment(ref reads);
        }

        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            for (var n = r; !stop.IsCancellationRequested; n++) await ReadAsync(orderIds[n % orderIds.Count]);
        })).ToList();
        output.WriteLine(await during());
        foreach (var id in orderIds) await ReadAsync(id);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        output.WriteLine($"{reads} reads through {silo} during and after the graceful stop");
        return failures;
    }

    private async Task ReadBackWithinAsync(HttpClient http, Uri silo, string id, string token, Stopwatch sinceKill)
    {
        for (var attempt = 1; ; attempt++)
        {
            string problem;
            try
            {
                using var response = await SendAsync(http, HttpMethod.Get, silo, id, token);
                if (response.IsSuccessStatusCode)
                {
                    AssertOrder(id, await response.Content.ReadFromJsonAsync<JsonElement>());
                    if (attempt > 1) output.WriteLine($"{sinceKill.ElapsedMilliseconds} ms: GET {id} through {silo} answered after {attempt} attempts");
                    return;
                }

                problem = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException exception)
            {
                problem = exception.Message;
            }

            if (sinceKill.Elapsed > s_failoverDeadline)
            {
                Assert.Fail($"GET {id} through {silo} still fails {sinceKill.ElapsedMilliseconds} ms after the kill: {problem}");
            }

            if (attempt == 1) output.WriteLine($"{sinceKill.ElapsedMilliseconds} ms: GET {id} through {silo}: {problem}; retrying");
            // A client's backoff between retries during failover, not synchronisation.
            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Uri silo)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(silo, "health/ready"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (waited.Elapsed > s_startDeadline) Assert.Fail($"{silo} was not ready within {s_startDeadline.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    private static async Task<string> DevTokenAsync(HttpClient http, Uri silo)
    {
        using var response = await http.PostAsJsonAsync(new Uri(silo, "api/dev/tokens"), new { role = "admin", id = "ops-1" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri silo, string orderId, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(silo, $"api/orders/{orderId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        return await http.SendAsync(request);
    }

    private static object Order(string orderId) => new
    {
        customerId = "c-" + orderId,
        status = "paid",
        items = new[] { new { sku = "SKU-1", name = "Kettle", quantity = 1, price = 199.0 } },
        amount = 199.0,
        currency = "CNY",
        paidAt = DateTimeOffset.UtcNow.AddHours(-2),
        address = new { name = "Li Lei", phone = "13800000000", line1 = "1 Road", city = "Shanghai", country = "CN" },
    };

    private static void AssertOrder(string orderId, JsonElement answer)
    {
        Assert.Equal(orderId, answer.GetProperty("orderId").GetString());
        Assert.Equal("c-" + orderId, answer.GetProperty("order").GetProperty("customerId").GetString());
    }
}
