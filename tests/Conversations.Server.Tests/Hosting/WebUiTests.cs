using System.Net;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hosting;

public sealed class WebUiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/agent")]
    [InlineData("/ops")]
    public async Task Page_IsServedAsHtmlWithoutAuth(string path)
    {
        using var response = await fixture.Server.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignalRBrowserBundle_IsServedLocally()
    {
        using var response = await fixture.Server.Http.GetAsync("/lib/signalr.min.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
