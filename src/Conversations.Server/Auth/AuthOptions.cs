using System.Text;

namespace Conversations.Server.Auth;

/// <summary>How callers prove who they are (configuration section <c>Conversations:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Conversations:Auth";
    public const string DevMode = "dev";
    public const string JwtMode = "jwt";

    /// <summary>HS256 needs at least as many key bytes as the hash has.</summary>
    public const int MinimumKeyBytes = 32;

    private const string Base64Prefix = "base64:";

    /// <summary><c>dev</c>: tokens from <c>POST /api/dev/tokens</c>; <c>jwt</c>: HS256 tokens the shop's backend mints with <see cref="SigningKey"/>.</summary>
    public string Mode { get; set; } = DevMode;

    /// <summary>The HS256 key: text (its UTF-8 bytes) or <c>base64:…</c>; at least 32 bytes. Required in <c>jwt</c> mode; in <c>dev</c> mode a random per-process key is used when unset.</summary>
    public string? SigningKey { get; set; }

    /// <summary>When set, tokens must carry this <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, tokens must carry this <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dev token lives.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public bool IsDev => Mode == DevMode;

    public static AuthOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<AuthOptions>() ?? new AuthOptions();
        options.Validate();
        return options;
    }

    /// <summary>Throws naming the offending key; never repeats the key's value.</summary>
    public void Validate()
    {
        Mode = (Mode ?? string.Empty).Trim().ToLowerInvariant();
        if (Mode is not (DevMode or JwtMode)) throw Invalid(nameof(Mode), $"must be '{DevMode}' or '{JwtMode}', not '{Mode}'");
        if (Mode == JwtMode && string.IsNullOrEmpty(SigningKey)) throw Invalid(nameof(SigningKey), $"is required in '{JwtMode}' mode (HS256, at least {MinimumKeyBytes} bytes)");
        if (!string.IsNullOrEmpty(SigningKey)) _ = KeyBytes();
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10)) throw Invalid(nameof(ClockSkew), "must be between 0 and 10 minutes");
        if (DevTokenLifetime < TimeSpan.FromMinutes(1) || DevTokenLifetime > TimeSpan.FromDays(30)) throw Invalid(nameof(DevTokenLifetime), "must be between 1 minute and 30 days");
        if (Issuer is { Length: > 256 }) throw Invalid(nameof(Issuer), "must be at most 256 characters");
        if (Audience is { Length: > 256 }) throw Invalid(nameof(Audience), "must be at most 256 characters");
    }

    /// <summary>The configured key's bytes, or null when none is configured.</summary>
    public byte[]? KeyBytes()
    {
        if (string.IsNullOrEmpty(SigningKey)) return null;
        byte[] bytes;
        if (SigningKey.StartsWith(Base64Prefix, StringComparison.Ordinal))
        {
            try
            {
                bytes = Convert.FromBase64String(SigningKey[Base64Prefix.Length..]);
            }
            catch (FormatException)
            {
                throw Invalid(nameof(SigningKey), "starts with 'base64:' but the rest is not base64");
            }
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(SigningKey);
        }

        if (bytes.Length < MinimumKeyBytes) throw Invalid(nameof(SigningKey), $"is {bytes.Length} bytes; HS256 needs at least {MinimumKeyBytes}");
        return bytes;
    }

    private static InvalidOperationException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.");
}
