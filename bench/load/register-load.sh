#!/usr/bin/env bash
# REGISTER + digest throughput against the real service on loopback.
# Starts Cti.Host (Release) with ACCOUNTS agents, drives SIPp at RATE flows/s for CALLS flows (bounded in count
# and time), prints flows per second and the failure count, then stops the service.
#   RATE=8000 CALLS=100000 ACCOUNTS=1000 bench/load/register-load.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-8000}
CALLS=${CALLS:-100000}
ACCOUNTS=${ACCOUNTS:-1000}
SIP_PORT=${SIP_PORT:-25060}
HTTP_PORT=${HTTP_PORT:-28080}
LIMIT=${LIMIT:-120}

work=$(mktemp -d)
trap 'kill $host_pid 2>/dev/null || true; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT

dotnet build src/Cti.Host -c Release -v quiet -nologo >/dev/null

{
  printf '{"Logging":{"LogLevel":{"Default":"Warning"}},"Cti":{"DataDirectory":"%s","Http":{"Url":"http://127.0.0.1:%s"},' "$work" "$HTTP_PORT"
  printf '"Sip":{"Profiles":{"agents":{"Address":"127.0.0.1","Port":%s,"Transports":["udp"]},"trunks":{"Address":"127.0.0.1","Port":%s,"Transports":["udp"]}}},' "$SIP_PORT" "$((SIP_PORT + 2))"
  printf '"Api":{"Keys":[{"Name":"load","Key":"load-key-%s","Roles":["admin"]}]},"Agents":[' "$RANDOM$RANDOM"
  for i in $(seq 1 "$ACCOUNTS"); do
    [ "$i" -gt 1 ] && printf ','
    printf '{"Extension":"%d","DisplayName":"Load %d","Password":"secret%d"}' $((100000 + i)) "$i" "$i"
  done
  printf ']}}\n'
} > "$work/settings.json"
{
  echo SEQUENTIAL
  for i in $(seq 1 "$ACCOUNTS"); do echo "$((100000 + i));[authentication username=$((100000 + i)) password=secret$i]"; done
} > "$work/accounts.csv"

dotnet src/Cti.Host/bin/Release/net10.0/Cti.Host.dll --config "$work/settings.json" > "$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

start=$(date +%s.%N)
sipp -sf tests/Cti.Interop.Tests/Scenarios/register-digest.xml -inf "$work/accounts.csv" \
  -i 127.0.0.1 -p $((SIP_PORT + 1)) -t u1 -r "$RATE" -m "$CALLS" -l $((RATE * 2)) \
  -nostdin -timeout "${LIMIT}s" -timeout_error -trace_screen -screen_file "$work/sipp.screen" \
  -max_recv_loops 100000 127.0.0.1:"$SIP_PORT" > "$work/sipp.out" 2>&1 || true
end=$(date +%s.%N)

ok=$(grep -E "Successful call" "$work/sipp.screen" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
failed=$(grep -E "Failed call" "$work/sipp.screen" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
retrans=$(grep -E "^ *REGISTER" "$work/sipp.screen" | head -1 | awk '{print $4}')
awk -v s="$start" -v e="$end" -v ok="$ok" -v f="$failed" -v r="$RATE" -v rt="${retrans:-?}" \
  'BEGIN { d = e - s; printf "rate_target=%s flows=%s failed=%s elapsed_s=%.2f flows_per_s=%.0f first_register_retrans=%s\n", r, ok, f, d, ok / d, rt }'
