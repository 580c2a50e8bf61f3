using Cti.Routing.Agents;
using Cti.Routing.Engine.State;

namespace Cti.Routing.Engine.Timers;

/// <summary>A scheduled wake-up. Entries are never removed; a stale token makes a fired entry a no-op.</summary>
internal readonly record struct TimerEntry(TimerKind Kind, CallState? Call, AgentState? Agent, int Token, int Arg = 0);
