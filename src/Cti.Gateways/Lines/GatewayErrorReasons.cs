namespace Cti.Gateways.Lines;

/// <summary>The bounded values of the <c>reason</c> label of cti_gateway_errors_total.</summary>
internal static class GatewayErrorReasons
{
    public const string Timeout = "timeout";
    public const string PortFailure = "port-failure";
    public const string OpenFailed = "open-failed";
    public const string InitFailed = "init-failed";
    public const string Reset = "reset";
    public const string OutOfService = "out-of-service";
    public const string ModuleError = "module-error";
    public const string SimNotReady = "sim-not-ready";
}
