#!/bin/sh
# Replay this pass through `sisterties curate apply` and compare the four tables it writes (sources, jurisdictions,
# pairings, citations) with the commits that recorded it. The pass ran as import steps committed one after another,
# with two hand edits of the claims table in between, so it is replayed in two segments, each in a scratch git worktree:
#   steps 1-6 from 236af51 (the commit before the pass), compared with 3bdab49;
#   step 7 from ba5ac03, compared with c1b8fc0.
# The command is this checkout's (src/ on PYTHONPATH); it reads research/*.csv and decisions.toml from this folder and
# writes into the scratch worktree. Prints one line per table and segment; exit status 0 when every table is
# byte-identical. Each step's log is left in log/STEP/ (or $LOG_DIR/STEP/). $PYTHON is the Python to run it with (it
# needs the package's curate extra: zhconv).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
logdir=${LOG_DIR:-$here/log}
rm -rf "$logdir" && mkdir -p "$logdir"
status=0

segment() {  # segment NAME START WANT STEP:FACTS,FACTS ...
  name=$1 start=$2 want=$3
  shift 3
  wt="$tmp/$name"
  git -C "$repo" worktree add --detach "$wt" "$start" >/dev/null 2>&1
  for step in "$@"; do
    files=$(echo "${step#*:}" | tr ',' '\n' | sed "s|.*|$here/research/&.csv|")
    # shellcheck disable=SC2086
    PYTHONPATH="$repo/src" "${PYTHON:-python}" -m sisterties curate apply $files --decisions "$here/decisions.toml" \
      --path "$wt" --log "$logdir/${step%%:*}" >/dev/null
  done
  for t in sources jurisdictions pairings citations; do
    if git -C "$repo" show "$want:data/$t.csv" | cmp -s - "$wt/data/$t.csv"; then echo "$name $t: identical"; else echo "$name $t: DIFFERS"; status=1; fi
  done
  git -C "$repo" worktree remove --force "$wt"
}

segment steps1-6 236af51 3bdab49 step1:k_province_state,k_resolve1,k_resolve2,k_new_east,k_new_rest,k_years \
  step2:k_wave2_us,k_wave2_cn step3:k_status,k_years2,k_wave2_us step4:k_manual step5:k_manual2 step6:k_gaps,k_resolve1
segment step7 ba5ac03 c1b8fc0 step7:k_manual3
exit $status
