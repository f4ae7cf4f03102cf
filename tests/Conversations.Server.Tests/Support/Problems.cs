using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Server.Tests.Support;

/// <summary>Assertions on REST error answers (application/problem+json with the stable code).</summary>
public static class Problems
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith(code, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }
}
