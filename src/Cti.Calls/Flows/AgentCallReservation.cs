using Cti.Calls.Legs;
using Cti.Routing.Engine;

namespace Cti.Calls.Flows;

/// <summary>
/// The ACD side of a call an agent makes (from the phone or the desk): the agent was reserved for it; the ACD hears
/// when the outside party answers and, once, when the agent is free again (wrap-up after a conversation, idle
/// otherwise).
/// </summary>
internal sealed class AgentCallReservation(CallSession call, AcdEngine acd)
{
    private bool _released;

    public void OnConnected(CalleeLeg leg)
    {
        if (leg.Kind == CalleeKind.External)
        {
            acd.Post(new OutboundCallConnected(call.AcdCallId));
        }
    }

    public void Release()
    {
        if (!_released)
        {
            _released = true;
            acd.Post(call.Connected is not null && call.AnsweredAt is not null ? new CallEnded(call.AcdCallId) : new OutboundReservationReleased(call.AcdCallId));
        }
    }
}
