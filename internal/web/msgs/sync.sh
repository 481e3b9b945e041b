#!/bin/sh
# Copies the web messages into locales/{nb,en}.yaml after the marker line,
# then regenerates the compiled-in messages.
set -e
cd "$(dirname "$0")/../../.."
marker="# --- dpa serve (internal/web/msgs) ---"
for l in nb en; do
  f=locales/$l.yaml
  awk -v m="$marker" '$0==m{exit} {print}' "$f" > "$f.tmp"
  printf '%s\n' "$marker" >> "$f.tmp"
  cat internal/web/msgs/$l.yaml >> "$f.tmp"
  mv "$f.tmp" "$f"
done
go generate ./internal/i18n
