namespace Cti.Calls.Legs;

/// <summary>The two sides of a bridged call: the caller (trunk or line) and the callee (agent or transfer target).</summary>
internal enum CallLegSide
{
    Caller,
    Callee,
}
