using Cti.Sip.Messages;
using Cti.Sip.Validation;

namespace Cti.Host.SipRouting;

/// <summary>Answers OPTIONS addressed to the service with what it can do (RFC 3261 11.2).</summary>
internal static class OptionsResponder
{
    public static SipResponse Create(SipRequest request, SipValidationPolicy policy, string toTag)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var response = SipResponseFactory.Create(request, 200, null, toTag);
        response.Headers.Add(SipHeaderNames.Allow, string.Join(", ", SipRequestDispatcher.ServedMethods));
        response.Headers.Add(SipHeaderNames.Accept, string.Join(", ", policy.DefaultAcceptedContentTypes));
        response.Headers.Add(SipHeaderNames.Supported, string.Join(", ", policy.SupportedExtensions.Order(StringComparer.Ordinal)));
        return response;
    }
}
