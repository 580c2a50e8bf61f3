namespace Cti.Dialer.Campaigns;

/// <summary>Call control's report for a dial request. <see cref="RingTime"/> runs from the request to answer or failure.</summary>
public sealed record CallOutcomeReport(string CallId, CallOutcome Outcome, TimeSpan RingTime, int? SipStatus = null);
