namespace Cti.Gateways.At;

/// <summary>What one line received from a module means.</summary>
internal enum AtLineKind
{
    Information,
    Ok,
    Error,
    CmeError,
    CmsError,
    NoCarrier,
    Busy,
    NoAnswer,
    NoDialTone,
    Connect,
    Ring,
    Clip,
    Clcc,
    Creg,
    Csq,
    Cpin,
    Ceer,
}
