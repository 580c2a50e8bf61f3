namespace Cti.Gateways.Lines;

/// <summary>The result of answer, hang-up and DTMF requests.</summary>
internal sealed record GatewayCommandResult(bool Succeeded, string? Error = null)
{
    public static GatewayCommandResult Ok { get; } = new(true);

    public static GatewayCommandResult Fail(string error) => new(false, error);
}
