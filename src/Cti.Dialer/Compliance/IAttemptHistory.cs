namespace Cti.Dialer.Compliance;

/// <summary>Dial attempts, abandoned calls and invalid numbers, as the compliance policies need them.</summary>
public interface IAttemptHistory
{
    void RecordAttempt(string leadId, string e164, DateTimeOffset at);

    int CountAttemptsForNumberSince(string e164, DateTimeOffset since);

    void RecordAbandoned(string e164, DateTimeOffset at);

    DateTimeOffset? LastAbandoned(string e164);

    /// <summary>Marks a number the network reported as not existing (SIP 404, 484, 604).</summary>
    void MarkInvalid(string e164, int sipStatus);

    bool IsInvalid(string e164);
}
