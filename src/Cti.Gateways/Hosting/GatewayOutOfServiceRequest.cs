namespace Cti.Gateways.Hosting;

/// <summary>Body of POST /api/v1/lines/{name}/out-of-service.</summary>
internal sealed record GatewayOutOfServiceRequest(string? Reason);
