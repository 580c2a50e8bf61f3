namespace Cti.Routing.Engine;

/// <summary>An output the host must carry out (ring a phone, stop ringing, transfer, play a prompt).</summary>
public abstract record AcdDecision : AcdOutput;
