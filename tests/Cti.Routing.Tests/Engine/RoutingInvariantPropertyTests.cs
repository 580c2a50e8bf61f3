using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Engine.State;
using Cti.Routing.Strategies;
using CsCheck;

namespace Cti.Routing.Tests.Engine;

/// <summary>Random command sequences must never break the routing invariants.</summary>
public class RoutingInvariantPropertyTests
{
    private static readonly string[] AgentIds = ["a1", "a2", "a3", "a4", "a5", "a6"];

    private static RoutingConfig Config() => new()
    {
        Skills = ["sales", "support", "general"],
        LastAgentWindow = TimeSpan.FromMinutes(10),
        LastAgentHold = TimeSpan.FromSeconds(5),
        WatchdogInterval = TimeSpan.FromSeconds(15),
        OutboundReservationTimeout = TimeSpan.FromSeconds(20),
        VipNumbers = ["+491"],
        Queues =
        [
            new QueueConfig("sales")
            {
                Strategy = RoutingStrategies.LongestIdle,
                RequiredSkills = [new SkillRequirement("sales", 5)],
                Escalation =
                [
                    new EscalationStep(TimeSpan.FromSeconds(10)) { MinimumProficiency = 2 },
                    new EscalationStep(TimeSpan.FromSeconds(30)) { AdditionalSkill = new SkillRequirement("general", 1) },
                    new EscalationStep(TimeSpan.FromSeconds(60)) { Overflow = OverflowTarget.ToQueue("support") },
                ],
                RingTimeout = TimeSpan.FromSeconds(8),
                WrapUpTime = TimeSpan.FromSeconds(3),
                NoAnswerLimit = 2,
                AnnouncePosition = true,
                AnnounceInterval = TimeSpan.FromSeconds(20),
            },
            new QueueConfig("support")
            {
                Strategy = RoutingStrategies.RingAll,
                RequiredSkills = [new SkillRequirement("support", 1)],
                RingTimeout = TimeSpan.FromSeconds(6),
                Priority = 1,
            },
            new QueueConfig("vip")
            {
                Strategy = RoutingStrategies.RoundRobin,
                MaxWait = TimeSpan.FromSeconds(40),
                MaxWaitTarget = OverflowTarget.ToQueue("support"),
                MaxLength = 4,
                LeaveWhenEmpty = true,
                WrapUpTime = TimeSpan.Zero,
            },
        ],
        Agents =
        [
            new AgentConfig("a1") { Skills = [new AgentSkill("sales", 7)], Queues = [new QueueMembership("sales"), new QueueMembership("vip")], Campaigns = ["c"] },
            new AgentConfig("a2") { Skills = [new AgentSkill("sales", 3), new AgentSkill("support", 4)], Queues = [new QueueMembership("sales"), new QueueMembership("support")] },
            new AgentConfig("a3") { Skills = [new AgentSkill("general", 2)], Queues = [new QueueMembership("sales", 1), new QueueMembership("vip")], Campaigns = ["c"] },
            new AgentConfig("a4") { Skills = [new AgentSkill("support", 9)], Queues = [new QueueMembership("support"), new QueueMembership("vip", 2)] },
            new AgentConfig("a5") { Skills = [new AgentSkill("support", 2), new AgentSkill("sales", 1)], Queues = [new QueueMembership("support"), new QueueMembership("sales")], Campaigns = ["c"] },
            new AgentConfig("a6") { Skills = [], Queues = [new QueueMembership("vip")] },
        ],
    };

    /// <summary>The same centre with stricter sales rules, a different vip strategy and agent a6 removed.</summary>
    private static RoutingConfig Variant()
    {
        var config = Config();
        return config with
        {
            Queues =
            [
                config.Queues[0] with { RequiredSkills = [new SkillRequirement("sales", 6)], Escalation = [new EscalationStep(TimeSpan.FromSeconds(15)) { MinimumProficiency = 1 }] },
                config.Queues[1],
                config.Queues[2] with { Strategy = RoutingStrategies.FixedOrder, MaxWait = null },
            ],
            Agents = config.Agents.Where(a => a.Id != "a6").ToArray(),
        };
    }

    [Fact]
    public void Process_RandomCommandSequences_KeepInvariants()
    {
        var op = Gen.Select(Gen.Int[0, 14], Gen.Int[0, 1000], Gen.Int[0, 1000]);
        op.Array[1, 150].Sample(ops => Run(ops), iter: 400, threads: 1);
    }

    private static void Run((int Kind, int A, int B)[] ops)
    {
        var h = new CoreHarness(Config(), seed: 3);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var next = 0;
        long lastSequence = 0;
        foreach (var (kind, a, b) in ops)
        {
            var command = Interpret(h, kind, a, b, ref next);
            if (command is null)
            {
                continue;
            }

            var outputs = h.Send(command);
            Track(h, command, outputs, expected);
            foreach (var output in outputs)
            {
                Assert.True(output.Sequence > lastSequence, "sequence must increase");
                lastSequence = output.Sequence;
            }

            CheckInvariants(h.Core, outputs, expected);
        }
    }

    private static AcdCommand? Interpret(CoreHarness h, int kind, int a, int b, ref int next)
    {
        var core = h.Core;
        var calls = core.Calls.OrderBy(c => c.Seq).ToArray();
        var ringing = calls.Where(c => c.Phase == CallPhase.Ringing).SelectMany(c => c.Ringing.Select(r => (c.CallId, r.Id))).ToArray();
        var agent = AgentIds[a % AgentIds.Length];
        switch (kind)
        {
            case 0:
            case 1:
                var queue = new[] { "sales", "support", "vip" }[a % 3];
                return new CallArrived($"c{next++}", queue, b % 5 == 4 ? null : $"+49{b % 5}", b % 3);
            case 2:
                return calls.Length == 0 ? null : new CallerHungUp(calls[b % calls.Length].CallId);
            case 3:
                if (b % 7 == 0 && calls.Length > 0)
                {
                    return new OfferAnswered(calls[b % calls.Length].CallId, agent); // often illegal on purpose
                }

                return ringing.Length == 0 ? null : new OfferAnswered(ringing[b % ringing.Length].CallId, ringing[b % ringing.Length].Id);
            case 4:
                return ringing.Length == 0 ? null : new OfferRejected(ringing[b % ringing.Length].CallId, ringing[b % ringing.Length].Id);
            case 5:
                return ringing.Length == 0 ? null : new OfferTimedOut(ringing[b % ringing.Length].CallId, ringing[b % ringing.Length].Id);
            case 6:
                var connected = calls.Where(c => c.Phase is CallPhase.Connected or CallPhase.OutboundConnected).ToArray();
                return connected.Length == 0 ? null : new CallEnded(connected[b % connected.Length].CallId);
            case 7:
            case 8:
                return (b % 4) switch
                {
                    0 => new AgentStateRequest(agent, AgentRequestKind.Login, b % 8 == 4 ? "break" : null),
                    1 => new AgentStateRequest(agent, AgentRequestKind.Logout),
                    2 => new AgentStateRequest(agent, AgentRequestKind.Ready),
                    _ => new AgentStateRequest(agent, AgentRequestKind.NotReady, b % 8 == 3 ? "lunch" : "training"),
                };
            case 9:
                return new AgentStateRequest(agent, (b % 3) switch { 0 => AgentRequestKind.EndWrapUp, 1 => AgentRequestKind.Hold, _ => AgentRequestKind.Unhold });
            case 10:
            case 11:
                h.Time.Advance(TimeSpan.FromSeconds(b % 25));
                return Tick.Instance;
            case 12:
                var reserved = calls.Where(c => c.Phase == CallPhase.OutboundReserved).ToArray();
                return (b % 3, reserved.Length) switch
                {
                    (0, _) => new ReserveAgentForOutbound(agent, $"o{next++}", "c"),
                    (1, > 0) => new OutboundCallConnected(reserved[a % reserved.Length].CallId),
                    (2, > 0) => new OutboundReservationReleased(reserved[a % reserved.Length].CallId),
                    _ => null,
                };
            case 13:
                return new LiveCallsReport(calls.Where((_, i) => i != b % Math.Max(1, calls.Length)).Select(c => c.CallId).ToArray());
            default:
                return new ApplyRoutingConfig(b % 2 == 0 ? Config() : Variant());
        }
    }

    /// <summary>A model of which calls must still exist, kept from commands and outputs only.</summary>
    private static void Track(CoreHarness h, AcdCommand command, List<AcdOutput> outputs, HashSet<string> expected)
    {
        if (!outputs.OfType<CommandRejected>().Any())
        {
            switch (command)
            {
                case CallArrived c:
                    expected.Add(c.CallId);
                    break;
                case ReserveAgentForOutbound c:
                    expected.Add(c.CallId);
                    break;
                case CallEnded c:
                    expected.Remove(c.CallId);
                    break;
                case CallerHungUp c:
                    expected.Remove(c.CallId);
                    break;
                case OutboundReservationReleased c:
                    expected.Remove(c.CallId);
                    break;
                case LiveCallsReport r:
                    expected.IntersectWith(r.LiveCallIds);
                    break;
                default:
                    break;
            }
        }

        foreach (var output in outputs)
        {
            var gone = output switch
            {
                OverflowCall o when o.Target.Kind != OverflowKind.Queue => o.CallId,
                CallAbandoned a => a.CallId,
                WatchdogFreedAgent { CallId: { } id } when !h.Core.TryGetCall(id, out _) => id,
                _ => null,
            };
            if (gone is not null)
            {
                expected.Remove(gone);
            }
        }
    }

    private static void CheckInvariants(AcdCore core, List<AcdOutput> outputs, HashSet<string> expected)
    {
        // Never lose a call, never keep a finished one.
        foreach (var id in expected)
        {
            Assert.True(core.TryGetCall(id, out _), $"call {id} was lost");
        }

        Assert.Equal(expected.Count, core.Calls.Count);

        // Never double-book an agent; agent and call views agree.
        var booked = new Dictionary<string, string>();
        foreach (var call in core.Calls)
        {
            IEnumerable<AgentState> holders = call.Phase switch
            {
                CallPhase.Ringing => call.Ringing,
                CallPhase.Connected or CallPhase.OutboundConnected or CallPhase.OutboundReserved => [call.Agent!],
                _ => [],
            };
            foreach (var agent in holders)
            {
                Assert.True(booked.TryAdd(agent.Id, call.CallId), $"agent {agent.Id} booked twice");
                Assert.Same(call, agent.Call);
            }

            if (call.Phase == CallPhase.Waiting)
            {
                Assert.Contains(call, call.Queue!.Waiting[call.Level]);
            }
        }

        foreach (var agent in core.Agents)
        {
            var busy = agent.Work is AgentWorkState.Reserved or AgentWorkState.OnCallInbound or AgentWorkState.OnCallOutbound or AgentWorkState.OnHold;
            Assert.Equal(busy, booked.ContainsKey(agent.Id));
            if (!agent.IsLoggedIn)
            {
                Assert.Equal(AgentWorkState.Idle, agent.Work);
            }
        }

        // Offers only go to Ready agents: the state change just before an offer is that agent becoming Reserved while Ready.
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i] is OfferCall offer)
            {
                var change = Assert.IsType<AgentStateChanged>(outputs[i - 1]);
                Assert.Equal((offer.AgentId, AgentAvailability.Ready, AgentWorkState.Reserved), (change.AgentId, change.Availability, change.Work));
            }
        }

        // The ready index is exact, and no waiting call has a matching ready idle agent.
        foreach (var queue in core.Queues)
        {
            var readyMembers = queue.Members.Where(m => m.Agent.IsReadyIdle && m.MinLevel != int.MaxValue).ToHashSet();
            Assert.True(readyMembers.SetEquals(queue.Ready), $"ready index of {queue.Id} is stale");
            foreach (var call in queue.Waiting.SelectMany(s => s))
            {
                Assert.DoesNotContain(readyMembers, m => m.MinLevel <= call.Level);
            }
        }
    }
}
