namespace Cti.Calls.Parties;

/// <summary>Why a party beyond the customer and the agent is on a call.</summary>
internal enum ThirdPartyRole
{
    /// <summary>A supervisor listening, whispering to the agent or barging in.</summary>
    Supervisor,

    /// <summary>A conference member: hears everyone and is heard by everyone.</summary>
    Conference,

    /// <summary>The target of an attended transfer, talking with the agent while the customer is held.</summary>
    Consult,
}
