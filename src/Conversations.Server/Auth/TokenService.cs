using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Auth;

/// <summary>
/// Mints and validates HS256 JSON Web Tokens (compact form) carrying <c>sub</c> and <c>role</c>. Validation checks the
/// algorithm (HS256 only), the signature (constant-time), <c>exp</c> (required), <c>nbf</c>, and <c>iss</c>/<c>aud</c>
/// when configured. Neither tokens nor keys ever reach a log or an error message.
/// </summary>
public sealed class TokenService
{
    public const string AuthenticationType = "Bearer";
    public const int MaxTokenLength = 4096;
    private const int MaxSubjectLength = 128;

    private static readonly byte[] s_header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    private readonly byte[] _key;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;

    public TokenService(IOptions<AuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
        // Dev mode without a configured key: tokens are only good for this process, which is what a demo needs.
        _key = _options.KeyBytes() ?? RandomNumberGenerator.GetBytes(AuthOptions.MinimumKeyBytes);
    }

    /// <summary>A token for <paramref name="subject"/> in <paramref name="role"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Mint(string subject, string role, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (!ConversationRoles.IsKnown(role)) throw new ArgumentException($"Role '{role}' is not customer, agent or admin.", nameof(role));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>
        {
            [ConversationRoles.SubjectClaim] = subject,
            [ConversationRoles.RoleClaim] = role,
            ["iat"] = now,
            ["nbf"] = now,
            [ConversationRoles.ExpiresClaim] = now + (long)lifetime.TotalSeconds,
        };
        if (!string.IsNullOrEmpty(_options.Issuer)) payload["iss"] = _options.Issuer;
        if (!string.IsNullOrEmpty(_options.Audience)) payload["aud"] = _options.Audience;

        var signingInput = Base64Url.EncodeToString(s_header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Validates <paramref name="token"/>; on failure <paramref name="failure"/> says why, without repeating the token.</summary>
    public bool TryValidate(string? token, [NotNullWhen(true)] out ClaimsPrincipal? principal, [NotNullWhen(false)] out string? failure)
    {
        principal = null;
        if (string.IsNullOrEmpty(token)) return Fail("no token", out failure);
        if (token.Length > MaxTokenLength) return Fail("the token is too long", out failure);

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot <= firstDot + 1 || token.IndexOf('.', secondDot + 1) >= 0) return Fail("the token is not a compact JWS (header.payload.signature)", out failure);

        if (!TryDecodeJson(token.AsSpan(0, firstDot), out var header)) return Fail("the token's header is not base64url JSON", out failure);
        using (header)
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg)
                || alg.ValueKind != JsonValueKind.String
                || alg.GetString() != "HS256")
            {
                return Fail("the token's algorithm must be HS256", out failure);
            }

            if (header.RootElement.TryGetProperty("crit", out _)) return Fail("the token names critical header extensions this server does not support", out failure);
        }

        Span<byte> signature = stackalloc byte[64];
        if (!Base64Url.IsValid(token.AsSpan(secondDot + 1))
            || Base64Url.GetMaxDecodedLength(token.Length - secondDot - 1) > signature.Length
            || Base64Url.DecodeFromChars(token.AsSpan(secondDot + 1), signature, out _, out var signatureLength) != System.Buffers.OperationStatus.Done)
        {
            return Fail("the token's signature is not base64url", out failure);
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(token, 0, secondDot), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature[..signatureLength])) return Fail("the token's signature is invalid", out failure);

        if (!TryDecodeJson(token.AsSpan(firstDot + 1, secondDot - firstDot - 1), out var payload)) return Fail("the token's payload is not base64url JSON", out failure);
        using (payload)
        {
            return TryReadClaims(payload.RootElement, out principal, out failure);
        }
    }

    private bool TryReadClaims(JsonElement claims, [NotNullWhen(true)] out ClaimsPrincipal? principal, [NotNullWhen(false)] out string? failure)
    {
        principal = null;
        if (claims.ValueKind != JsonValueKind.Object) return Fail("the token's payload is not a JSON object", out failure);

        var now = _time.GetUtcNow();
        if (!TryGetTime(claims, ConversationRoles.ExpiresClaim, out var expires)) return Fail("the token has no valid exp", out failure);
        if (now >= expires + _options.ClockSkew) return Fail("the token has expired", out failure);
        if (claims.TryGetProperty("nbf", out _))
        {
            if (!TryGetTime(claims, "nbf", out var notBefore)) return Fail("the token's nbf is not a number", out failure);
            if (now + _options.ClockSkew < notBefore) return Fail("the token is not valid yet", out failure);
        }

        if (!string.IsNullOrEmpty(_options.Issuer) && !(claims.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String && iss.GetString() == _options.Issuer))
        {
            return Fail("the token's issuer is not accepted", out failure);
        }

        if (!string.IsNullOrEmpty(_options.Audience) && !HasAudience(claims, _options.Audience)) return Fail("the token's audience is not accepted", out failure);

        var subject = claims.TryGetProperty(ConversationRoles.SubjectClaim, out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength) return Fail($"the token's sub must be 1 to {MaxSubjectLength} characters", out failure);
        var role = claims.TryGetProperty(ConversationRoles.RoleClaim, out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (!ConversationRoles.IsKnown(role)) return Fail("the token's role must be customer, agent or admin", out failure);

        var identity = new ClaimsIdentity(
            [
                new Claim(ConversationRoles.SubjectClaim, subject),
                new Claim(ConversationRoles.RoleClaim, role!),
                new Claim(ConversationRoles.ExpiresClaim, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
            ],
            AuthenticationType,
            ConversationRoles.SubjectClaim,
            ConversationRoles.RoleClaim);
        principal = new ClaimsPrincipal(identity);
        failure = null;
        return true;
    }

    private static bool HasAudience(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud)) return false;
        if (aud.ValueKind == JsonValueKind.String) return aud.GetString() == audience;
        return aud.ValueKind == JsonValueKind.Array && aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == audience);
    }

    private static bool TryGetTime(JsonElement claims, string name, out DateTimeOffset time)
    {
        time = default;
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds)) return false;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > 253402300799) return false;
        time = DateTimeOffset.UnixEpoch.AddSeconds(Math.Floor(seconds));
        return true;
    }

    private static bool TryDecodeJson(ReadOnlySpan<char> part, [NotNullWhen(true)] out JsonDocument? document)
    {
        document = null;
        if (part.IsEmpty || !Base64Url.IsValid(part)) return false;
        try
        {
            document = JsonDocument.Parse(Base64Url.DecodeFromChars(part));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Fail(string reason, out string failure)
    {
        failure = reason;
        return false;
    }
}
