#!/bin/sh
# Replay this pass and compare the four tables it writes (sources, jurisdictions, pairings, citations) with the
# commits that recorded it. The pass ran as import steps committed one after another, with two hand edits of the
# claims table in between, so it is replayed in two segments, each in a scratch git worktree:
#   steps 1-6 from 236af51 (the commit before the pass), compared with 3bdab49;
#   step 7 from ba5ac03, compared with c1b8fc0.
# Prints one line per table and segment; exit status 0 when every table is byte-identical. The steps' review and
# decision logs are left in log/ (or $LOG_DIR). $PYTHON is the Python to run the steps with (it needs zhconv).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
logdir=${LOG_DIR:-$here/log}
rm -rf "$logdir" && mkdir -p "$logdir"
status=0

segment() {  # segment NAME START WANT "STEP ARGS" ...
  name=$1 start=$2 want=$3
  shift 3
  wt="$tmp/$name"
  git -C "$repo" worktree add --detach "$wt" "$start" >/dev/null 2>&1
  mkdir -p "$wt/curation/passes" && rm -rf "$wt/curation/passes/2026-11-23b" && cp -r "$here" "$wt/curation/passes/"
  for step in "$@"; do
    # shellcheck disable=SC2086
    "${PYTHON:-python}" "$wt/curation/passes/2026-11-23b/import_facts.py" --base=files $step >/dev/null
  done
  cp "$wt/curation/passes/2026-11-23b/log/"* "$logdir/"
  for t in sources jurisdictions pairings citations; do
    if git -C "$repo" show "$want:data/$t.csv" | cmp -s - "$wt/data/$t.csv"; then echo "$name $t: identical"; else echo "$name $t: DIFFERS"; status=1; fi
  done
  git -C "$repo" worktree remove --force "$wt"
}

segment steps1-6 236af51 3bdab49 "--tag=-step1" "--folders=k_wave2_us,k_wave2_cn --tag=-step2" \
  "--folders=k_status,k_years2,k_wave2_us --tag=-step3" "--folders=k_manual --tag=-step4" \
  "--folders=k_manual2 --tag=-step5" "--folders=k_gaps,k_resolve1 --tag=-step6"
segment step7 ba5ac03 c1b8fc0 "--folders=k_manual3 --tag=-step7"
exit $status
