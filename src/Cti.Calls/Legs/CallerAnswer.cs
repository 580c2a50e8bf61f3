namespace Cti.Calls.Legs;

/// <summary>How answering the caller side went.</summary>
internal enum CallerAnswer
{
    Answered,

    /// <summary>The party is going (its CANCEL crossed our 200); the signal that ends the call is already queued.</summary>
    Gone,

    /// <summary>The party left as we answered (a line stopped ringing): the call ends as abandoned.</summary>
    Left,

    /// <summary>The party cannot be heard (a line's audio could not be set up): the call fails.</summary>
    Failed,
}
