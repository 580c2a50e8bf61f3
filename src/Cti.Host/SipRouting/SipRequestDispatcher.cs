using Cti.Platform.Metrics;
using Cti.Registrar;
using Cti.Platform.Security;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Transport;
using Cti.Sip.Validation;

namespace Cti.Host.SipRouting;

/// <summary>
/// Decides the answer to every request the stack delivers (the stack has already applied <see cref="Policy"/>:
/// 400/405/501 and friends never get here): banned sources get 403, REGISTER goes to the registrar, OPTIONS is
/// answered here. Requests inside a call's dialog and agents' INVITEs never get here (call control takes them, see
/// <see cref="CtiSipRequestHandler"/>); an INVITE reaching this point (no call control) gets 480, and an in-dialog
/// request for no known call 481.
/// </summary>
internal sealed class SipRequestDispatcher
{
    public static readonly IReadOnlyList<string> ServedMethods =
        [SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Register, SipMethods.Refer, SipMethods.Notify, SipMethods.Info];

    private readonly RegisterRequestHandler _register;
    private readonly AuthFailureTracker _bans;
    private readonly CtiMetrics _metrics;

    public SipRequestDispatcher(RegisterRequestHandler register, AuthFailureTracker bans, CtiMetrics metrics)
    {
        _register = register;
        _bans = bans;
        _metrics = metrics;
    }

    public static SipValidationPolicy Policy { get; } = SipValidationPolicy.Default with
    {
        AllowedMethods = new HashSet<string>(ServedMethods, StringComparer.Ordinal),
    };

    /// <summary>The response to send, or null for an ACK (which is never answered).</summary>
    public async Task<SipResponse?> DispatchAsync(SipRequest request, SipEndPoint source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);

        if (request.Method == SipMethods.Ack)
        {
            return null;
        }

        // The stack answers every unanswered non-INVITE with 500, so a banned source gets a cheap 403 instead of
        // silence; it never reaches the authenticator. See docs/configuration.md (Registrar:Ban).
        if (_bans.IsBanned(source.Remote.Address))
        {
            _metrics.BannedRequestsRejected.Inc();
            return SipResponseFactory.Create(request, 403, "Forbidden", SipDialog.NewTag());
        }

        // No dialogs exist yet: anything that claims to belong to one refers to nothing (RFC 3261 12.2.2).
        if (request.To?.Tag is not null && request.Method != SipMethods.Register)
        {
            return SipResponseFactory.Create(request, 481, null, SipDialog.NewTag());
        }

        return request.Method switch
        {
            SipMethods.Register => await _register.HandleAsync(request, source, cancellationToken),
            SipMethods.Options => OptionsResponder.Create(request, Policy, SipDialog.NewTag()),
            SipMethods.Invite => SipResponseFactory.Create(request, 480, null, SipDialog.NewTag()),
            _ => SipResponseFactory.Create(request, 481, null, SipDialog.NewTag()),
        };
    }

}
