using Cti.Sip.Stack;

namespace Cti.Trunks;

/// <summary>Takes over a screened trunk INVITE (call control); it answers the INVITE itself.</summary>
internal interface ITrunkCallAcceptor
{
    ValueTask AcceptAsync(SipServerContext invite, TrunkInviteRoute route, CancellationToken cancellationToken);
}
