namespace Cti.Registrar;

internal enum RegisterOutcome
{
    /// <summary>200: the bindings were changed (or queried) and are listed.</summary>
    Ok,

    /// <summary>423 Interval Too Brief with Min-Expires.</summary>
    IntervalTooBrief,

    /// <summary>400: malformed Contact, q or Expires, or a wildcard that is not alone with Expires: 0.</summary>
    BadRequest,

    /// <summary>500: same Call-ID with a CSeq not above the stored one (RFC 3261 10.3 step 7): nothing changed.</summary>
    OutOfOrder,
}
