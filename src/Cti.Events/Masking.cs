using System.Text.Json.Nodes;
using Cti.Numbers;

namespace Cti.Events;

/// <summary>
/// Hides the middle digits of phone numbers for API callers without the <c>export</c> (or <c>admin</c>) role, with
/// the one rule of <see cref="PhoneNumberMask"/>. In event JSON every string property named <c>from</c>, <c>to</c> or
/// <c>number</c> (at any depth) is masked; other fields are served as stored.
/// </summary>
internal static class Masking
{
    private static readonly string[] NumberFields = ["from", "to", "number"];

    public static bool IsNumberField(string name) =>
        Array.Exists(NumberFields, f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The event JSON with number fields masked; unchanged text when there is nothing to mask.</summary>
    public static string MaskEventJson(string json)
    {
        if (!NumberFields.Any(f => json.Contains('"' + f + '"', StringComparison.OrdinalIgnoreCase)))
        {
            return json;
        }

        var node = JsonNode.Parse(json);
        if (node is null)
        {
            return json;
        }

        MaskNode(node);
        return node.ToJsonString();
    }

    public static void MaskNode(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToArray())
                {
                    var value = obj[name];
                    if (value is JsonValue leaf && IsNumberField(name) && leaf.TryGetValue<string>(out var text))
                    {
                        obj[name] = PhoneNumberMask.Mask(text);
                    }
                    else if (value is not null)
                    {
                        MaskNode(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        MaskNode(item);
                    }
                }

                break;
        }
    }
}
