namespace Cti.Calls;

/// <summary>Why an INVITE was refused before it reached a queue (bounded metric labels).</summary>
internal static class CallRejectReasons
{
    public const string NoSdp = "no-sdp";
    public const string BadSdp = "bad-sdp";
    public const string NoCommonCodec = "no-common-codec";
    public const string NoMediaPorts = "no-media-ports";
    public const string ShuttingDown = "shutting-down";

    public static IReadOnlyList<string> All { get; } = [NoSdp, BadSdp, NoCommonCodec, NoMediaPorts, ShuttingDown];
}
