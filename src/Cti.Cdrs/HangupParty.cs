namespace Cti.Cdrs;

/// <summary>Who released the call: the caller, the agent, the party a transfer reached (callee), or the service.</summary>
internal enum HangupParty
{
    Caller,
    Agent,
    System,
    Callee,
}
