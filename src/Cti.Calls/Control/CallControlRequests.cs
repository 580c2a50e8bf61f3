namespace Cti.Calls.Control;

/// <summary>Body of <c>POST /api/v1/calls/{id}/transfer</c>.</summary>
internal sealed record TransferRequest(string? To, string? Mode);

/// <summary>Body of <c>POST /api/v1/calls/{id}/recording</c>.</summary>
internal sealed record RecordingRequest(string? Action);

/// <summary>Body of <c>POST /api/v1/calls</c> (click to dial).</summary>
internal sealed record ClickToDialRequest(string? Agent, string? To);

/// <summary>Body of <c>POST /api/v1/calls/{id}/disposition</c>.</summary>
internal sealed record DispositionRequest(string? Code);

/// <summary>Checks of the text fields of call-control bodies, kept short and strict (they end up in SIP headers).</summary>
internal static class CallControlInput
{
    public const int MaxTargetLength = 64;

    /// <summary>A queue, an agent id or extension, or a number: letters, digits, <c>+ - _ .</c>, up to 64.</summary>
    public static bool IsTarget(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxTargetLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '_' or '.');
}
