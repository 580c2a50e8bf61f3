#!/usr/bin/env bash
# Renders the queue prompts as 8 kHz mono µ-law WAV files (the format the relay plays without conversion).
#
#   welcome.wav  "Thank you for calling. All our agents are busy. Please hold."
#   hold.wav     music on hold, looped while the caller waits
#   abandon.wav  the dialer's abandon message (CTI_ABANDON_TEXT); per campaign, abandon-<campaign>.wav with
#                CTI_ABANDON_CAMPAIGN=<campaign id> names the company that called
#
# With espeak-ng and sox installed the announcement is spoken; with sox alone both files are synthesised tones;
# with neither, nothing is written here and the service writes its built-in tones at startup
# (Cti.Sip.Media.PromptFiles.EnsureDefaults), so a missing toolchain never stops the demo.
#
# Usage: config/prompts/make-prompts.sh [output-directory]   (default: the directory of this script)
# Environment: CTI_PROMPT_TEXT (announcement), CTI_PROMPT_VOICE (espeak-ng voice, default en-us),
#              CTI_PROMPT_NO_SPEECH=1 (skip espeak-ng and write the chime).
set -euo pipefail

out="${1:-$(cd "$(dirname "$0")" && pwd)}"
mkdir -p "$out"
text="${CTI_PROMPT_TEXT:-Thank you for calling. All our agents are busy. Please hold.}"
voice="${CTI_PROMPT_VOICE:-en-us}"
have() { command -v "$1" >/dev/null 2>&1; }

to_ulaw() { # input.wav output.wav
  sox "$1" -r 8000 -c 1 -e u-law -b 8 "$2" norm -3
}

if have sox; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT

  if have espeak-ng && [ -z "${CTI_PROMPT_NO_SPEECH:-}" ]; then
    espeak-ng -v "$voice" -s 150 -w "$tmp/welcome.wav" "$text"
    # Leave a second of quiet after the sentence before the music starts.
    sox "$tmp/welcome.wav" "$tmp/welcome-padded.wav" pad 0.3 1.0
    to_ulaw "$tmp/welcome-padded.wav" "$out/welcome.wav"
    echo "welcome.wav: spoken with espeak-ng ($voice)"
  else
    sox -n -r 8000 -c 1 "$tmp/c1.wav" synth 0.4 sine 660 fade t 0.01 0.4 0.05 vol 0.5
    sox -n -r 8000 -c 1 "$tmp/c2.wav" synth 0.6 sine 523.25 fade t 0.01 0.6 0.1 vol 0.5 pad 0 2.0
    sox "$tmp/c1.wav" "$tmp/c2.wav" "$tmp/welcome.wav"
    to_ulaw "$tmp/welcome.wav" "$out/welcome.wav"
    echo "welcome.wav: espeak-ng not found, wrote a chime"
  fi

  # A slow C - Am - F - G arpeggio with the octave below, about 8 seconds, loops cleanly.
  parts=()
  i=0
  for note in 261.63 329.63 392.00 329.63 220.00 261.63 329.63 261.63 174.61 220.00 261.63 220.00 196.00 246.94 293.66 246.94; do
    low=$(awk "BEGIN { print $note / 2 }")
    sox -n -r 8000 -c 1 "$tmp/n$i.wav" synth 0.45 sine "$note" synth 0.45 sine mix "$low" fade t 0.01 0.45 0.05 pad 0 0.05 vol 0.4
    parts+=("$tmp/n$i.wav")
    i=$((i + 1))
  done
  sox "${parts[@]}" "$tmp/hold.wav"
  to_ulaw "$tmp/hold.wav" "$out/hold.wav"
  echo "hold.wav: synthesised melody"

  abandon_text="${CTI_ABANDON_TEXT:-Sorry, we called you but no agent is free right now. We will call you back. Goodbye.}"
  abandon_file="abandon.wav"
  if [ -n "${CTI_ABANDON_CAMPAIGN:-}" ]; then abandon_file="abandon-${CTI_ABANDON_CAMPAIGN}.wav"; fi
  if have espeak-ng && [ -z "${CTI_PROMPT_NO_SPEECH:-}" ]; then
    espeak-ng -v "$voice" -s 150 -w "$tmp/abandon.wav" "$abandon_text"
    to_ulaw "$tmp/abandon.wav" "$out/$abandon_file"
    echo "$abandon_file: spoken with espeak-ng ($voice)"
  else
    sox -n -r 8000 -c 1 "$tmp/abandon.wav" synth 0.3 sine 523.25 fade t 0.01 0.3 0.05 vol 0.5 pad 0 0.2 repeat 2
    to_ulaw "$tmp/abandon.wav" "$out/$abandon_file"
    echo "$abandon_file: espeak-ng not found, wrote a tone"
  fi
else
  echo "sox not found: the service writes built-in tone prompts to its prompt folder at startup." >&2
fi
