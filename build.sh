#!/usr/bin/env bash
# Cti build entry point.
#   ./build.sh test    install the test tools that are missing (sipp, baresip, linphonec, socat, sox, espeak-ng), build, run every test
#   ./build.sh build   build the solution (Release)
#   ./build.sh bench   list the benchmark commands (see docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")"

need_packages() {
  local missing=()
  command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
  command -v baresip >/dev/null 2>&1 || missing+=(baresip)
  command -v linphonec >/dev/null 2>&1 || missing+=(linphone-cli)
  command -v socat >/dev/null 2>&1 || missing+=(socat)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  if ((${#missing[@]})); then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

summarise() {
  # Adds the per-assembly "Passed!/Failed!" lines into one closing line.
  awk '/(Passed|Failed)! +- Failed:/ {
         for (i = 1; i <= NF; i++) {
           if ($i == "Failed:")  { f += $(i+1) + 0 }
           if ($i == "Passed:")  { p += $(i+1) + 0 }
           if ($i == "Skipped:") { s += $(i+1) + 0 }
         }
       }
       END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 3; if (f > 0) exit 1 }' "$1"
}

case "${1:-test}" in
  build)
    dotnet build Cti.sln -c Release
    ;;
  test)
    need_packages
    dotnet build Cti.sln -c Release
    log=$(mktemp)
    set +e
    # Assemblies run one after another: the interop tests bind fixed loopback ports and
    # measure real processes, so they must not compete with the unit tests for the 2 cores.
    dotnet test Cti.sln -c Release --no-build -m:1 --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    summarise "$log" || rc=1
    rm -f "$log"
    exit "$rc"
    ;;
  bench)
    echo "dotnet run -c Release --project bench/Cti.Sip.Benchmarks -- --filter '*'"
    echo "dotnet run -c Release --project bench/Cti.Routing.Benchmarks -- --filter '*'"
    echo "dotnet run -c Release --project bench/Cti.Dialer.Simulation -- --table"
    echo "bench/load/register-load.sh"
    ;;
  *)
    echo "usage: $0 [test|build|bench]" >&2
    exit 2
    ;;
esac
