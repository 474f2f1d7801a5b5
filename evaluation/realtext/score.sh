#!/usr/bin/env bash
# Score hr-lint on the real-text set: all texts, then by kind of page and traps vs the rest.
#
# usage: evaluation/realtext/score.sh TEXTS_DIR [extra hr-lint options...]
#
# TEXTS_DIR holds the rebuilt texts (see README.md; check them first with verify.py).
# Runs `hr-lint --format json --no-cache` on the folder and scores the findings with the
# development corpus's unchanged scorer (../shared/corpus/score.py from the repository
# root) against gold.jsonl, which the annotators write next to this script. Every
# finding counts, info included. Options after TEXTS_DIR go to hr-lint (for example
# --isolated, or --config policy.yaml). Environment: GOLD, SCORER and HR_LINT override
# the gold file, the scorer and the hr-lint command; MANIFEST the manifest.
# Exit status: the scorer's (0, or 1 below --min-precision/--min-recall given through
# SCORE_ARGS), 2 when something cannot be run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 TEXTS_DIR [hr-lint options...]" >&2; exit 2; }
texts=$1; shift
gold=${GOLD:-$here/gold.jsonl}
scorer=${SCORER:-$here/../../../shared/corpus/score.py}
hr_lint=${HR_LINT:-hr-lint}
manifest=${MANIFEST:-$here/manifest.jsonl}
[ -d "$texts" ] || { echo "score.sh: $texts: not a folder" >&2; exit 2; }
[ -f "$gold" ] || { echo "score.sh: $gold: no gold file (the annotators write it)" >&2; exit 2; }
[ -f "$scorer" ] || { echo "score.sh: $scorer: scorer not found (set SCORER)" >&2; exit 2; }
findings=$(mktemp "${TMPDIR:-/tmp}/realtext-findings.XXXXXX.json") || exit 2
trap 'rm -f "$findings"' EXIT
"$hr_lint" --format json --no-cache "$@" "$texts" > "$findings"
status=$?
if [ "$status" -gt 1 ]; then
    echo "score.sh: hr-lint failed (exit $status)" >&2
    exit 2
fi
# shellcheck disable=SC2086  # SCORE_ARGS is a list of options
python3 "$scorer" "$gold" "$findings" --corpus "$texts" --show ${SCORE_ARGS:-}
status=$?
python3 "$here/by_kind.py" --scorer "$scorer" --texts "$texts" --manifest "$manifest" "$gold" "$findings" || exit 2
exit "$status"
