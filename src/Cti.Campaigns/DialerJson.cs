using System.Text.Json;

namespace Cti.Campaigns;

/// <summary>The JSON shape used to store campaign definitions: camelCase, like the API.</summary>
internal static class DialerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
