namespace Cti.Host.Cdrs;

internal enum CallDirection
{
    Inbound,
    Outbound,
}
