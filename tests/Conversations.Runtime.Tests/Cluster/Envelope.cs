using System.Text.Json;
using Conversations.Runtime.Tests.Grains;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>A message shaped like the domain's: positional record, optional raw JSON, a grain reference, a list.</summary>
public sealed record Envelope(string Text, JsonElement? Extra, ICounterGrain? Target, IReadOnlyList<int> Numbers, DateTimeOffset At);
