using Conversations.Server.Auth;

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
    public void KeyBytes_AcceptsBase64Keys()
    {
        var options = new AuthOptions { Mode = "jwt", SigningKey = "base64:" + Convert.ToBase64String(new byte[32]) };
        options.Validate();
        Assert.Equal(32, options.KeyBytes()!.Length);
    }
}
