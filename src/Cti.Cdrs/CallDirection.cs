namespace Cti.Cdrs;

internal enum CallDirection
{
    Inbound,
    Outbound,
}
