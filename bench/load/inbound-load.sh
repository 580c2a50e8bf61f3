#!/usr/bin/env bash
# Inbound call load against the trunk side of the service, on loopback, bounded in calls and time.
#
# Agents are SIPp UASes (agent-answer.xml) on static contacts: AGENTS contacts sip:<ext>@127.0.0.1:<port>, spread
# over AGENT_PROCS SIPp processes on ports AGENT_BASE_PORT.. (extension 1001 on the first port, 1002 on the next,
# ...). The carrier is one SIPp UAC calling the DID at RATE calls/s for CALLS calls, at most CONCURRENCY at once.
#   MODE=signalling  carrier-call-signalling.xml, no media: calls per second through the B2BUA.
#   MODE=rtp         carrier-call.xml plays G.711 A-law from a pcap, the agents echo it (-rtp_echo): media relay load.
# Prints SIPp's successful/failed counts on both sides, RTP packet counts in rtp mode, and the service's cti_calls*
# and cti_rtp* metrics when its /metrics endpoint answers.
#
# The service must send the queue's calls to the static contacts, e.g. for the demo settings (1001..1005, DID 100):
#   Cti:Agents:1001:StaticContact = sip:1001@127.0.0.1:6001   (one line per agent; see the printed list)
# The agents are logged in through the API (POST /api/v1/agents/<ext>/state {"action":"login"}) when API_KEY is set.
# START_HOST=1 builds and starts the service itself (Release, or HOST_DLL when given) with such settings on its own
# ports, and logs the agents in with the shipped demo key.
# RECORD=0 turns call recording off in the started service (isolates signalling and relay cost from disk writes).
# DIRECT=1 leaves the service out: the carrier calls the first agent process straight (checks the tools only).
#
#   MODE=signalling RATE=50 CALLS=2000 AGENTS=5 bench/load/inbound-load.sh
#   MODE=rtp RATE=5 CALLS=100 CALL_LENGTH_MS=8000 START_HOST=1 AGENTS=20 bench/load/inbound-load.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

MODE=${MODE:-signalling}
RATE=${RATE:-10}
CALLS=${CALLS:-200}
CONCURRENCY=${CONCURRENCY:-200}
DID=${DID:-100}
AGENTS=${AGENTS:-5}
AGENT_PROCS=${AGENT_PROCS:-1}
AGENT_BASE_PORT=${AGENT_BASE_PORT:-6001}
START_HOST=${START_HOST:-0}
DIRECT=${DIRECT:-0}
LIMIT=${LIMIT:-300}
if [ "$START_HOST" = 1 ]; then
  API_KEY=${API_KEY:-dev-key-admin-0001}
  SIP_PORT=${SIP_PORT:-25060}
  TRUNK_PORT=${TRUNK_PORT:-25062}
  HTTP_PORT=${HTTP_PORT:-28080}
else
  TRUNK_PORT=${TRUNK_PORT:-5080}
  HTTP_PORT=${HTTP_PORT:-8080}
fi
TRUNK_HOST=${TRUNK_HOST:-127.0.0.1}
# The demo trunk names its carrier peer 127.0.0.1:5090.
CARRIER_PORT=${CARRIER_PORT:-5090}
CARRIER_MEDIA_PORT=${CARRIER_MEDIA_PORT:-36000}
AGENT_MEDIA_BASE=${AGENT_MEDIA_BASE:-36100}
CONTROL_BASE=${CONTROL_BASE:-36300}

case "$MODE" in
  signalling) scenario=carrier-call-signalling.xml; CALL_LENGTH_MS=${CALL_LENGTH_MS:-1000}; echo_flag="" ;;
  rtp) scenario=carrier-call.xml; CALL_LENGTH_MS=${CALL_LENGTH_MS:-5000}; echo_flag="-rtp_echo" ;;
  *) echo "MODE must be signalling or rtp" >&2; exit 2 ;;
esac
[ "$AGENT_PROCS" -ge 1 ] && [ "$AGENT_PROCS" -le "$AGENTS" ] || { echo "AGENT_PROCS must be 1..AGENTS" >&2; exit 2; }
command -v sipp >/dev/null || { echo "sipp is not installed (Debian package sip-tester)" >&2; exit 2; }

scenarios=tests/Cti.Interop.Tests/Scenarios
work=$(mktemp -d)
pids=()
host_pid=""
cleanup() {
  for p in "${pids[@]}" $host_pid; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Static contact of agent n (1-based): extension 1000+n on process (n-1) % AGENT_PROCS.
contact() { local n=$1; echo "sip:$((1000 + n))@127.0.0.1:$((AGENT_BASE_PORT + (n - 1) % AGENT_PROCS))"; }

if [ "$START_HOST" = 1 ] && [ "$DIRECT" != 1 ]; then
  if [ -z "${HOST_DLL:-}" ]; then
    dotnet build src/Cti.Host -c Release -v quiet -nologo >/dev/null
    HOST_DLL=src/Cti.Host/bin/Release/net10.0/Cti.Host.dll
  fi
  {
    printf '{"Logging":{"LogLevel":{"Default":"Warning"}},"Cti":{"DataDirectory":"%s","Http":{"Url":"http://127.0.0.1:%s"},' "$work" "$HTTP_PORT"
    printf '"Sip":{"Profiles":{"agents":{"Address":"127.0.0.1","Port":%s,"Transports":["udp"]},"trunks":{"Address":"127.0.0.1","Port":%s,"Transports":["udp"]}}},' "$SIP_PORT" "$TRUNK_PORT"
    printf '"Trunks":{"demo-carrier":{"Peers":["127.0.0.1:%s"],"Dids":{"%s":"support"}}},' "$CARRIER_PORT" "$DID"
    printf '"Media":{"RecordCalls":%s},' "$([ "${RECORD:-1}" = 1 ] && echo true || echo false)"
    # Keyed by id over the demo data (Development): agent 1000+n overrides a demo agent or adds one.
    printf '"Agents":{'
    for n in $(seq 1 "$AGENTS"); do
      [ "$n" -gt 1 ] && printf ','
      printf '"%d":{"DisplayName":"Load %d","Password":"load%d-%s","StaticContact":"%s",' $((1000 + n)) "$n" "$n" "$RANDOM" "$(contact "$n")"
      printf '"Skills":[{"Skill":"support","Proficiency":5}],"Queues":[{"Queue":"support","Tier":0}]}'
    done
    printf '},"Routing":{"Queues":{"support":{"WrapUpTime":"00:00:00","AnnouncePosition":false,"MaxWait":"00:10:00"}}}}}\n'
  } > "$work/settings.json"
  # Development: the demo trunk, queue and API key these settings build on.
  DOTNET_ENVIRONMENT=Development dotnet "$HOST_DLL" --config "$work/settings.json" > "$work/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$host_pid" 2>/dev/null || { echo "the service did not start:"; tail -20 "$work/host.log"; exit 1; }
    sleep 0.2
  done
fi

echo "agents (static contacts):"
for n in $(seq 1 "$AGENTS"); do echo "  Cti:Agents:$((1000 + n)):StaticContact = $(contact "$n")"; done
if [ "$DIRECT" != 1 ] && [ -n "${API_KEY:-}" ]; then
  for n in $(seq 1 "$AGENTS"); do
    curl -fs -o /dev/null -X POST -H "X-Api-Key: $API_KEY" -H "Content-Type: application/json" -d '{"action":"login"}' \
      "http://127.0.0.1:$HTTP_PORT/api/v1/agents/$((1000 + n))/state" || echo "  login $((1000 + n)) failed"
  done
fi

# Agent processes: no call limit, bounded by LIMIT; each echoes media on its own port in rtp mode.
for i in $(seq 0 $((AGENT_PROCS - 1))); do
  # shellcheck disable=SC2086 # echo_flag is empty or one flag
  sipp -sf "$scenarios/agent-answer.xml" -i 127.0.0.1 -p $((AGENT_BASE_PORT + i)) -t u1 \
    -mi 127.0.0.1 -mp $((AGENT_MEDIA_BASE + 4 * i)) $echo_flag -cp $((CONTROL_BASE + 1 + i)) \
    -nostdin -timeout "$((LIMIT + 30))s" -trace_screen -screen_file "$work/agent$i.screen" -max_recv_loops 100000 \
    > "$work/agent$i.out" 2>&1 &
  pids+=($!)
done
sleep 0.5

if [ "$DIRECT" = 1 ]; then
  target=127.0.0.1:$AGENT_BASE_PORT
else
  target=$TRUNK_HOST:$TRUNK_PORT
fi
echo "carrier: $MODE, $CALLS calls at $RATE/s (at most $CONCURRENCY open), ${CALL_LENGTH_MS} ms each, DID $DID -> $target"

start=$(date +%s.%N)
sipp -sf "$scenarios/$scenario" -s "$DID" -i 127.0.0.1 -p "$CARRIER_PORT" -t u1 \
  -mi 127.0.0.1 -mp "$CARRIER_MEDIA_PORT" -cp "$CONTROL_BASE" \
  -r "$RATE" -m "$CALLS" -l "$CONCURRENCY" -d "$CALL_LENGTH_MS" \
  -nostdin -timeout "${LIMIT}s" -timeout_error -trace_screen -screen_file "$work/carrier.screen" \
  -max_recv_loops 100000 "$target" > "$work/carrier.out" 2>&1 &
carrier=$!
# SIPp prints its RTP counters only while it runs: in rtp mode have it dump its screens every 2 s (SIGUSR2; its
# handler is not async-signal-safe, so no more often than needed, and never in signalling mode).
while kill -0 "$carrier" 2>/dev/null; do
  sleep 2
  [ "$MODE" = rtp ] && { kill -USR2 "$carrier" 2>/dev/null || true; }
done
carrier_exit=0
wait "$carrier" || carrier_exit=$?
end=$(date +%s.%N)

# Agents: in rtp mode a last dump (for the echo counters), then quit once their calls are over.
if [ "$MODE" = rtp ]; then
  for i in $(seq 0 $((AGENT_PROCS - 1))); do kill -USR2 "${pids[$i]}" 2>/dev/null || true; done
  sleep 1
fi
for i in $(seq 0 $((AGENT_PROCS - 1))); do printf q > "/dev/udp/127.0.0.1/$((CONTROL_BASE + 1 + i))" || true; done
for _ in $(seq 1 50); do
  alive=0
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
  [ "$alive" = 0 ] && break
  sleep 0.2
done
agent_exits=""
for p in "${pids[@]}"; do
  rc=0
  if kill -0 "$p" 2>/dev/null; then rc=running; else wait "$p" || rc=$?; fi
  agent_exits="$agent_exits${agent_exits:+,}$rc"
done

# Cumulative column of the last statistics screen in a screen file.
stat() { { grep -E "$2" "$1" 2>/dev/null || true; } | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print ($3 == "" ? "?" : $3)}'; }
# A count, or 0 for a missing one.
num() { if [[ "$1" =~ ^[0-9]+$ ]]; then echo "$1"; else echo 0; fi; }
# Last value of an RTP counter ("<n> Total ...") in a screen file.
rtp() { { grep -E "$2" "$1" 2>/dev/null || true; } | tail -1 | awk '{print $1}'; }

ok=$(stat "$work/carrier.screen" "Successful call")
failed=$(stat "$work/carrier.screen" "Failed call")
agents_ok=0
agents_failed=0
echoed=0
for i in $(seq 0 $((AGENT_PROCS - 1))); do
  a=$(stat "$work/agent$i.screen" "Successful call"); f=$(stat "$work/agent$i.screen" "Failed call")
  e=$(rtp "$work/agent$i.screen" "Total echo RTP pckts 1st stream")
  agents_ok=$((agents_ok + $(num "$a"))); agents_failed=$((agents_failed + $(num "$f"))); echoed=$((echoed + $(num "$e")))
done
awk -v m="$MODE" -v s="$start" -v e="$end" -v ok="${ok:-?}" -v f="${failed:-?}" -v r="$RATE" -v ao="$agents_ok" -v af="$agents_failed" \
  -v cx="$carrier_exit" -v ax="$agent_exits" \
  'BEGIN { d = e - s; printf "mode=%s rate_target=%s calls_ok=%s calls_failed=%s elapsed_s=%.2f calls_per_s=%.1f agent_calls_ok=%s agent_calls_failed=%s sipp_exit=%s agent_sipp_exit=%s\n", m, r, ok, f, d, (ok + 0) / d, ao, af, cx, ax }'
if [ "$MODE" = rtp ]; then
  sent=$(rtp "$work/carrier.screen" "Total RTP pckts sent")
  # The carrier's count is from its last dump, up to a second before it ended: a lower bound.
  awk -v s="${sent:-0}" -v e="$echoed" \
    'BEGIN { printf "rtp_sent_by_carrier>=%d rtp_echoed_by_agents=%d reached_agents=%.1f%% (approximate: the carrier count is a lower bound)\n", s, e, (s > 0 ? 100 * e / s : 0) }'
fi
{ grep -hoE "(Aborting call[^']*|Dead call|unexpected [a-zA-Z ]*)" "$work"/carrier.out "$work"/agent*.out 2>/dev/null || true; } | sort | uniq -c | sort -rn | head -5

if [ "$DIRECT" != 1 ] && curl -fs "http://127.0.0.1:$HTTP_PORT/metrics" -o "$work/metrics.txt" 2>/dev/null; then
  echo "service metrics (http://127.0.0.1:$HTTP_PORT/metrics):"
  grep -E "^cti_(rtp|calls)" "$work/metrics.txt" || echo "  (no cti_rtp* or cti_calls* series yet)"
fi
