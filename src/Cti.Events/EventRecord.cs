namespace Cti.Events;

/// <summary>A committed event: its sequence number, type, time and the full JSON object as stored.</summary>
internal sealed record EventRecord(long Seq, string Type, DateTimeOffset At, string Json);
