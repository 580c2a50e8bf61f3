namespace Cti.Trunks;

/// <summary>A screened INVITE from a trunk: allowed source, known DID. Numbers are E.164 when they could be normalised.</summary>
internal sealed record TrunkInviteRoute(TrunkConfig Trunk, string Did, string Queue, string? Caller, string? CallerName);
