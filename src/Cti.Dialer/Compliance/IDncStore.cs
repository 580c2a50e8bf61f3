namespace Cti.Dialer.Compliance;

/// <summary>Do-not-call numbers (E.164): the internal blacklist and imported external lists.</summary>
public interface IDncStore
{
    bool Contains(string e164);

    void Add(string e164, string source);
}
