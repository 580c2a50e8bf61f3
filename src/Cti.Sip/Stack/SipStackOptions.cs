using Cti.Sip.Transactions;
using Cti.Sip.Transport;
using Cti.Sip.Validation;

namespace Cti.Sip.Stack;

/// <summary>Settings of a <see cref="SipStack"/>.</summary>
public sealed class SipStackOptions
{
    /// <summary>T1/T2/T4 and Timer D.</summary>
    public SipTimerOptions Timers { get; set; } = new();

    /// <summary>Socket settings and parser limits.</summary>
    public SipTransportOptions Transport { get; set; } = new();

    /// <summary>Request checks applied before the handler sees a request.</summary>
    public SipValidationPolicy Validation { get; set; } = SipValidationPolicy.Default;

    /// <summary>
    /// Host written in the sent-by of our Via on outgoing requests. Null: the listening address, or when listening on
    /// a wildcard address, the local address the OS routes toward the destination.
    /// </summary>
    public string? ViaHost { get; set; }

    /// <summary>Returns every configuration error (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Timers is null)
        {
            errors.Add("Timers is required.");
        }
        else
        {
            errors.AddRange(Timers.Validate());
        }

        if (Transport is null)
        {
            errors.Add("Transport is required.");
        }
        else
        {
            errors.AddRange(Transport.Validate());
        }

        if (Validation is null)
        {
            errors.Add("Validation is required.");
        }

        return errors;
    }
}
