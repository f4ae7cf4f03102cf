using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Auth;

public sealed class AuthOptionsTests
{
    [Fact]
    public void Validate_JwtWithoutKey_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AuthOptions { Mode = "jwt" }.Validate());
        Assert.Contains("Conversations:Auth:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortKey_NamesTheKeyWithoutRevealingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AuthOptions { Mode = "jwt", SigningKey = "short-secret" }.Validate());
        Assert.Contains("Conversations:Auth:SigningKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownMode_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AuthOptions { Mode = "oauth" }.Validate());
        Assert.Contains("Conversations:Auth:Mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InJwtModeWithoutAKey_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Auth:Mode"] = "jwt" }));

        Assert.Equal("Configuration 'Conversations:Auth:SigningKey' is required in 'jwt' mode (HS256, at least 32 bytes).", error.Message);
    }

    [Fact]
    public async Task Start_InJwtModeWithAShortKey_FailsSayingHowLongItMustBe_WithoutRevealingIt()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:Auth:Mode"] = "jwt",
            ["Conversations:Auth:SigningKey"] = "only-31-bytes-of-signing-key-xx",
        }));

        Assert.Equal("Configuration 'Conversations:Auth:SigningKey' is 31 bytes; HS256 needs at least 32.", error.Message);
    }

    [Fact]
    public void KeyBytes_AcceptsBase64Keys()
    {
        var options = new AuthOptions { Mode = "jwt", SigningKey = "base64:" + Convert.ToBase64String(new byte[32]) };
        options.Validate();
        Assert.Equal(32, options.KeyBytes()!.Length);
    }
}
