namespace Cti.Host.Cdrs;

internal enum HangupParty
{
    Caller,
    Agent,
    System,
}
