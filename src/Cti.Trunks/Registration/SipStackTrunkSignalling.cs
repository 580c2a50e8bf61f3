using System.Net;
using Cti.Registrar;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Trunks.Registration;

/// <summary>Sends registration requests through the service's <see cref="SipStack"/> from the trunk profile's listener.</summary>
internal sealed class SipStackTrunkSignalling : ITrunkSignalling
{
    private readonly SipStack _stack;
    private readonly SipOptions _sip;

    public SipStackTrunkSignalling(SipStack stack, SipOptions sip)
    {
        _stack = stack;
        _sip = sip;
    }

    public IPEndPoint? ListenEndPoint(string profile, SipTransportProtocol transport)
    {
        if (!_sip.Profiles.TryGetValue(profile, out var options) || !IPAddress.TryParse(options.Address, out var address))
        {
            return null;
        }

        // Port 0 means "any free port": the stack knows which one it got.
        var bound = _stack.BoundEndPoints.FirstOrDefault(e =>
            e.Transport == transport && e.Address.Equals(address) && (options.Port == 0 || e.Port == options.Port));
        return bound?.ToIPEndPoint();
    }

    public Task<SipResponse> SendAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken) =>
        _stack.SendRequestAsync(request, destination, cancellationToken);
}
