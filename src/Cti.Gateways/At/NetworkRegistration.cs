using System.Text.Json.Serialization;

namespace Cti.Gateways.At;

/// <summary>The +CREG stat values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NetworkRegistration>))]
internal enum NetworkRegistration
{
    NotRegistered = 0,
    RegisteredHome = 1,
    Searching = 2,
    Denied = 3,
    Unknown = 4,
    RegisteredRoaming = 5,
}
