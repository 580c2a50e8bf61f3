namespace Cti.Cdrs;

/// <summary>
/// Who released the call: the caller, the agent, the party a transfer reached (callee), the service, or an operator
/// through the call-control API (an agent desk, a supervisor, a CRM).
/// </summary>
internal enum HangupParty
{
    Caller,
    Agent,
    System,
    Callee,
    Operator,
}
