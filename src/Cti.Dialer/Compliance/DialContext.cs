using Cti.Dialer.Campaigns;
using Cti.Dialer.Lists;

namespace Cti.Dialer.Compliance;

/// <summary>Everything a policy needs about the call about to be placed.</summary>
public sealed record DialContext(Lead Lead, CampaignConfig Campaign, DateTimeOffset Now, TimeSpan RingTimeout, int LeadAttempts);
