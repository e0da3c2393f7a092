#!/bin/sh
# Replay the six steps of this pass from the commit before it, in a scratch worktree, and compare the four tables
# with those of commit $1 (default HEAD). Exit status 0 when they are byte-identical. Leaves the steps' review and
# decision logs in log/ (or $LOG_DIR). $PYTHON is the Python to run the steps with (it needs zhconv).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
want=${1:-HEAD}
tmp=$(mktemp -d)
git -C "$repo" worktree add --detach "$tmp/wt" 236af51 >/dev/null 2>&1
trap 'git -C "$repo" worktree remove --force "$tmp/wt"; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/wt/curation/passes"
cp -r "$here" "$tmp/wt/curation/passes/"
run() { "${PYTHON:-python}" "$tmp/wt/curation/passes/2026-11-23b/import_facts.py" --base=files "$@" >/dev/null; }
run --tag=-step1
run --folders=k_wave2_us,k_wave2_cn --tag=-step2
run --folders=k_status,k_years2,k_wave2_us --tag=-step3
run --folders=k_manual --tag=-step4
run --folders=k_manual2 --tag=-step5
run --folders=k_gaps,k_resolve1 --tag=-step6
run --folders=k_manual3 --tag=-step7
logdir=${LOG_DIR:-$here/log}  # where the steps' review and decision logs go
rm -rf "$logdir" && cp -r "$tmp/wt/curation/passes/2026-11-23b/log" "$logdir"
status=0
for t in sources jurisdictions pairings citations; do
  if git -C "$repo" show "$want:data/$t.csv" | cmp -s - "$tmp/wt/data/$t.csv"; then echo "$t: identical"; else echo "$t: DIFFERS"; status=1; fi
done
exit $status
