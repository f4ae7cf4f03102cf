using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Conversations.Runtime.Testing;
using Conversations.Server.Auth;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Tests.Auth;

public sealed class TokenServiceTests
{
    private const string Key = "an-hs256-signing-key-of-at-least-32-bytes";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Validate_MintedToken_YieldsSubjectAndRole()
    {
        var tokens = Service();
        var token = tokens.Mint("c-1001", ConversationRoles.Customer, TimeSpan.FromHours(1));

        Assert.True(tokens.TryValidate(token, out var principal, out _));
        Assert.Equal("c-1001", principal.FindFirst("sub")?.Value);
        Assert.True(principal.IsInRole(ConversationRoles.Customer));
        Assert.Equal("c-1001", principal.Identity?.Name);
    }

    [Fact]
    public void Validate_TokenFromTheShopsBackend_WithTheSameKey_IsAccepted()
    {
        var token = Sign("""{"alg":"HS256","typ":"JWT"}""", $$"""{"sub":"a-07","role":"agent","exp":{{_time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()}}}""", Key);

        Assert.True(Service().TryValidate(token, out var principal, out _));
        Assert.True(principal.IsInRole(ConversationRoles.Agent));
    }

    [Fact]
    public void Validate_TokenSignedWithAnotherKey_IsRefused()
    {
        var token = Sign("""{"alg":"HS256"}""", Payload(), "another-key-that-is-also-32-bytes-long");
        Assert.False(Service().TryValidate(token, out _, out var failure));
        Assert.Contains("signature", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TamperedPayload_IsRefused()
    {
        var token = Service().Mint("c-1", ConversationRoles.Customer, TimeSpan.FromHours(1));
        var parts = token.Split('.');
        var forged = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Payload(role: "admin"))) + "." + parts[2];

        Assert.False(Service().TryValidate(forged, out _, out _));
    }

    [Theory]
    [InlineData("""{"alg":"none"}""")]
    [InlineData("""{"alg":"HS512"}""")]
    [InlineData("""{"alg":"RS256"}""")]
    [InlineData("""{"typ":"JWT"}""")]
    public void Validate_AnyAlgorithmButHs256_IsRefused(string header)
    {
        var token = Sign(header, Payload(), Key);
        Assert.False(Service().TryValidate(token, out _, out var failure));
        Assert.Contains("HS256", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AfterExpiryPlusSkew_IsRefused()
    {
        var tokens = Service();
        var token = tokens.Mint("c-1", ConversationRoles.Customer, TimeSpan.FromMinutes(10));
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(29));
        Assert.True(tokens.TryValidate(token, out _, out _));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(tokens.TryValidate(token, out _, out var failure));
        Assert.Contains("expired", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BeforeNotBefore_IsRefused()
    {
        var notBefore = _time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        var token = Sign("""{"alg":"HS256"}""", $$"""{"sub":"c-1","role":"customer","nbf":{{notBefore}},"exp":{{notBefore + 600}}}""", Key);
        Assert.False(Service().TryValidate(token, out _, out var failure));
        Assert.Contains("not valid yet", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"sub":"c-1","role":"customer"}""", "exp")]
    [InlineData("""{"role":"customer","exp":9999999999}""", "sub")]
    [InlineData("""{"sub":"c-1","role":"superuser","exp":9999999999}""", "role")]
    public void Validate_WithoutRequiredClaims_IsRefused(string payload, string claim)
    {
        var token = Sign("""{"alg":"HS256"}""", payload, Key);
        Assert.False(Service().TryValidate(token, out _, out var failure));
        Assert.Contains(claim, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.???.###")]
    public void Validate_Garbage_IsRefused(string token) => Assert.False(Service().TryValidate(token, out _, out _));

    [Fact]
    public void Validate_WithConfiguredIssuerAndAudience_RequiresBoth()
    {
        var tokens = Service(issuer: "shop", audience: "conversations");
        var exp = _time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        var good = Sign("""{"alg":"HS256"}""", $$"""{"sub":"c-1","role":"customer","exp":{{exp}},"iss":"shop","aud":["other","conversations"]}""", Key);
        var wrongIssuer = Sign("""{"alg":"HS256"}""", $$"""{"sub":"c-1","role":"customer","exp":{{exp}},"iss":"elsewhere","aud":"conversations"}""", Key);
        var noAudience = Sign("""{"alg":"HS256"}""", $$"""{"sub":"c-1","role":"customer","exp":{{exp}},"iss":"shop"}""", Key);

        Assert.True(tokens.TryValidate(good, out _, out _));
        Assert.False(tokens.TryValidate(wrongIssuer, out _, out _));
        Assert.False(tokens.TryValidate(noAudience, out _, out _));
        Assert.True(tokens.TryValidate(tokens.Mint("c-1", ConversationRoles.Customer, TimeSpan.FromMinutes(1)), out _, out _));
    }

    private TokenService Service(string? issuer = null, string? audience = null) =>
        new(Options.Create(new AuthOptions { Mode = AuthOptions.JwtMode, SigningKey = Key, Issuer = issuer, Audience = audience }), _time);

    private string Payload(string role = "customer") =>
        $$"""{"sub":"c-1","role":"{{role}}","exp":{{_time.GetUtcNow().AddHours(1).ToUnixTimeSeconds()}}}""";

    private static string Sign(string header, string payload, string key)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(input)));
    }
}
