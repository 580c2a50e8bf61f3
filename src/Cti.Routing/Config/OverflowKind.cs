namespace Cti.Routing.Config;

/// <summary>Where a call goes when it leaves a queue without being answered.</summary>
public enum OverflowKind
{
    Voicemail,
    Callback,
    Queue,
}
