using System.Text.Json.Nodes;
using Cti.Events;

namespace Cti.Cdrs;

/// <summary>Builds the <c>cdr.written</c> event that accompanies a record, for <see cref="ICdrWriter.WriteAsync"/>.</summary>
internal static class CdrEvents
{
    public static CtiEvent Written(Cdr cdr)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        return new CtiEvent(CtiEventTypes.CdrWritten, new JsonObject
        {
            ["direction"] = CdrWire.Name(cdr.Direction),
            ["disposition"] = CdrWire.Name(cdr.Disposition),
            ["talkSeconds"] = cdr.TalkSeconds,
        })
        {
            CallId = cdr.CallId,
            AgentId = cdr.Agent,
            Queue = cdr.Queue,
        };
    }
}
