#!/bin/sh
# Copies the web messages into locales/{nb,en}.yaml between the two marker
# lines (replacing what stood there, leaving every other line alone), then
# regenerates the compiled-in messages.
set -e
cd "$(dirname "$0")/../../.."
begin="# --- dpa serve (internal/web/msgs) ---"
end="# --- end of dpa serve ---"
for l in nb en; do
  f=locales/$l.yaml
  # drop the old block (and, from files before the end marker existed, any
  # line of ours), keep everything else in order
  awk -v b="$begin" -v e="$end" '
    $0==b {inblock=1; next}
    $0==e {inblock=0; next}
    inblock && ($0 ~ /^web\./ || $0 ~ /^cli\.serve\./) {next}
    {print}
  ' "$f" > "$f.tmp"
  { printf '%s\n' "$begin"; cat internal/web/msgs/$l.yaml; printf '%s\n' "$end"; } >> "$f.tmp"
  mv "$f.tmp" "$f"
done
go generate ./internal/i18n
