using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Runtime.Invocation;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Hosting;

/// <summary>Stores grain and observer references in JSON as their id ("type/key") and revives them as references.</summary>
internal sealed class GrainReferenceJsonConverterFactory(IServiceProvider services) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsInterface && typeof(IAddressable).IsAssignableFrom(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ReferenceConverter<>).MakeGenericType(typeToConvert), services)!;

    private sealed class ReferenceConverter<T>(IServiceProvider services) : JsonConverter<T> where T : IAddressable
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return default;
            var id = GrainId.Parse(reader.GetString() ?? throw new JsonException("A grain reference must be a string."));
            return services.GetRequiredService<IGrainFactory>().GetReference<T>(id);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference) throw new JsonException($"Only grain references can be stored, not a {value.GetType().Name}.");
            writer.WriteStringValue(reference.GrainId.ToString());
        }
    }
}
