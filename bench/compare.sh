#!/usr/bin/env bash
# bench/compare.sh: time dpa against the tool chain a user would otherwise
# use, on the same agreement, side by side in one run, and print the ratios.
#
#   DOCX: dpa generate -f docx          vs  pandoc agreement.md -o agreement.docx
#   PDF:  dpa generate -f pdf           vs  pandoc -> docx, then soffice --headless --convert-to pdf
#   Batch: 200 agreements in pdf,docx,md in one call vs 200 single calls, and
#          the peak memory (max RSS) of the batch.
#
# Needs: bash >= 5 (EPOCHREALTIME), go (to build dpa), pandoc, soffice
# (LibreOffice), GNU time at /usr/bin/time (apt-get install time), sed, awk.
# Usage: bench/compare.sh [RUNS]   (RUNS per single measurement, default 5)
# Env:   DPA=/path/to/dpa to use a built binary; KEEP=1 keeps the temp dir.
set -euo pipefail

RUNS=${1:-5}
BATCH=${BATCH:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d /tmp/dpa-bench.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT

need() { command -v "$1" >/dev/null 2>&1 || { echo "compare.sh needs $1 ($2)" >&2; exit 1; }; }
need pandoc "apt-get install pandoc"
need soffice "apt-get install libreoffice-writer-nogui"
need awk "awk"
[ -x /usr/bin/time ] || { echo "compare.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -z "${DPA:-}" ]; then
	need go "https://go.dev/dl"
	DPA=$TMP/dpa
	(cd "$ROOT" && go build -trimpath -o "$DPA" ./cmd/dpa)
fi
export SOURCE_DATE_EPOCH=1767225600

now() { echo "$EPOCHREALTIME"; }
# mean seconds of RUNS runs of "$@" (output discarded)
timeit() {
	local t0 t1
	t0=$(now)
	for ((i = 0; i < RUNS; i++)); do "$@" >/dev/null 2>&1; done
	t1=$(now)
	awk -v a="$t0" -v b="$t1" -v n="$RUNS" 'BEGIN { printf "%.4f", (b - a) / n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
ms() { awk -v a="$1" 'BEGIN { printf "%8.1f ms", a * 1000 }'; }

echo "machine: $(nproc) CPUs, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo)"
echo "dpa: $("$DPA" version 2>/dev/null | head -1)"
echo "pandoc: $(pandoc --version | head -1); $(soffice --version 2>/dev/null | head -1)"
echo "runs per measurement: $RUNS"
echo

# the same agreement for everyone: dpa's own Markdown of the example
"$DPA" generate --example -f md -o "$TMP/ref" >/dev/null 2>&1
MD=$TMP/ref/journal-saas.nb.md

HAVE_PDF=0
if "$DPA" generate --example -f pdf -o "$TMP/pdfprobe" >/dev/null 2>&1; then HAVE_PDF=1; fi

# DOCX
t_dpa_docx=$(timeit "$DPA" generate --example -f docx -o "$TMP/d1" --force)
t_pandoc_docx=$(timeit pandoc "$MD" -o "$TMP/p.docx")
echo "DOCX  dpa                 $(ms "$t_dpa_docx")"
echo "DOCX  pandoc (md->docx)   $(ms "$t_pandoc_docx")"
echo "DOCX  ratio pandoc/dpa    $(ratio "$t_pandoc_docx" "$t_dpa_docx")x   (target >= 10x)"
echo

# PDF: pandoc + LibreOffice headless; one warm-up run creates the profile
LO="-env:UserInstallation=file://$TMP/lo-profile"
pandoc_lo() {
	pandoc "$MD" -o "$TMP/lo/agreement.docx" &&
		soffice "$LO" --headless --convert-to pdf --outdir "$TMP/lo" "$TMP/lo/agreement.docx"
}
mkdir -p "$TMP/lo"
pandoc_lo >/dev/null 2>&1 || true
t_lo=$(timeit pandoc_lo)
echo "PDF   pandoc + soffice    $(ms "$t_lo")"
if [ "$HAVE_PDF" = 1 ]; then
	t_dpa_pdf=$(timeit "$DPA" generate --example -f pdf -o "$TMP/d2" --force)
	echo "PDF   dpa                 $(ms "$t_dpa_pdf")"
	echo "PDF   ratio (pandoc+LO)/dpa $(ratio "$t_lo" "$t_dpa_pdf")x   (target >= 30x)"
else
	echo "PDF   dpa: pdf is not registered in this build; PDF comparison skipped"
fi
echo

# Batch of $BATCH agreements, varied from the example
FORMATS=pdf,docx,md
[ "$HAVE_PDF" = 1 ] || FORMATS=docx,md
mkdir -p "$TMP/batch"
for ((i = 0; i < BATCH; i++)); do
	lang=nb
	((i % 2)) && lang=en
	sed -e "s/name: Helse Vestby HF/name: Helse Vestby $i HF/" \
		-e "s/name: Journalsystem som tjeneste/name: Journalsystem $i/" \
		-e "s|reference: \"2026/1234\"|reference: \"2026/$((1000 + i))\"|" \
		-e "s/^language: nb/language: $lang/" \
		-e "s/restore_time_hours: 8/restore_time_hours: $((1 + i % 48))/" \
		"$ROOT/examples/journal-saas.yaml" >"$TMP/batch/agreement-$(printf %03d "$i").yaml"
done
/usr/bin/time -v -o "$TMP/time.txt" "$DPA" generate "$TMP/batch" -o "$TMP/bout" -f "$FORMATS" >/dev/null 2>"$TMP/batch.err" || { cat "$TMP/batch.err" >&2; exit 1; }
t_batch=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TMP/time.txt")
rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TMP/time.txt")
t0=$(now)
for f in "$TMP"/batch/*.yaml; do "$DPA" generate "$f" -o "$TMP/sout" -f "$FORMATS" >/dev/null 2>&1; done
t1=$(now)
t_single=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
written=$(find "$TMP/bout" -type f ! -name manifest.json | wc -l)
echo "Batch $BATCH agreements, formats $FORMATS ($written files)"
echo "  one batch call          $(ms "$t_batch") total, $(ms "$(awk -v t="$t_batch" -v n="$BATCH" 'BEGIN { print t / n }')") per agreement"
echo "  $BATCH single calls       $(ms "$t_single") total, $(ms "$(awk -v t="$t_single" -v n="$BATCH" 'BEGIN { print t / n }')") per agreement"
echo "  ratio single/batch      $(ratio "$t_single" "$t_batch")x   (target > 1x)"
echo "  batch peak memory       $(awk -v k="$rss_kb" 'BEGIN { printf "%.1f MB", k / 1024 }') max RSS   (target < 100 MB)"
[ "$HAVE_PDF" = 1 ] || echo "  (pdf is not registered in this build: the batch ran without PDF)"
