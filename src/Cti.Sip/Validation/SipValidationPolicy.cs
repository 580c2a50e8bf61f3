using Cti.Sip.Messages;

namespace Cti.Sip.Validation;

/// <summary>
/// What a UAS or registrar accepts, checked by <see cref="SipRequestValidator"/> in RFC 3261 8.2 order.
/// Immutable; build one per configuration.
/// </summary>
public sealed record SipValidationPolicy
{
    /// <summary>A registrar/UAS serving REGISTER, INVITE, OPTIONS, ACK, BYE and CANCEL with SDP bodies.</summary>
    public static SipValidationPolicy Default { get; } = new();

    /// <summary>Methods served; a known method outside this set gets 405 with Allow.</summary>
    public IReadOnlySet<string> AllowedMethods { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Register,
    };

    /// <summary>Methods recognised at all; anything else gets 501 with Allow.</summary>
    public IReadOnlySet<string> KnownMethods { get; init; } = new HashSet<string>(SipMethods.All, StringComparer.Ordinal);

    /// <summary>Option tags this element implements; an unknown tag in Require gets 420 with Unsupported.</summary>
    public IReadOnlySet<string> SupportedExtensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body media types accepted per method; methods not listed use <see cref="DefaultAcceptedContentTypes"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AcceptedContentTypes { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    public IReadOnlyList<string> DefaultAcceptedContentTypes { get; init; } = ["application/sdp"];

    /// <summary>Request-URI schemes served; others get 416.</summary>
    public IReadOnlySet<string> SupportedUriSchemes { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "sip", "sips" };

    /// <summary>SIP-Version accepted; anything else gets 505.</summary>
    public string SupportedVersion { get; init; } = "SIP/2.0";

    /// <summary>True for an element that would forward the request (proxy/B2BUA leg): Max-Forwards 0 then gets 483.</summary>
    public bool IsForwardingElement { get; init; }

    /// <summary>
    /// Accept RFC 2543 requests (top Via without the z9hG4bK cookie) that lack Max-Forwards, which RFC 2543 did not require.
    /// </summary>
    public bool AcceptRfc2543 { get; init; } = true;

    /// <summary>Value of the <c>Warning</c> agent (host name) used in 406 responses.</summary>
    public string WarningAgent { get; init; } = "cti";

    public IReadOnlyList<string> AcceptedContentTypesFor(string method) =>
        AcceptedContentTypes.TryGetValue(method, out var types) ? types : DefaultAcceptedContentTypes;
}
