using System.Text.Json;
using Conversations.Runtime.Storage;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>The serializer every test uses: web defaults, as the silo configures it.</summary>
internal static class TestSerializer
{
    public static GrainStateSerializer Web { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
