#!/usr/bin/env bash
# Runs a suite on a Slurm cluster as a job array of N shards plus a merge job that waits for all of them:
#   ci/slurm/submit.sh SUITE N [ablate run options...]
# Results go to $ABLATE_OUT (default results/<suite file name>-slurm, under the repository): shard-0 .. shard-<N-1>,
# logs/, and the merged report/. Cluster options (partition, account, time) go in sbatch's environment variables,
# e.g. SBATCH_PARTITION=gpu SBATCH_TIMELIMIT=12:00:00. ABLATE_RETRIES (default 2): requeues of a crashed shard.
# Prints the two job ids: "<array id> <merge id>".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
die() { echo "submit.sh: $*" >&2; exit 2; }

(($# >= 2)) || die "usage: ci/slurm/submit.sh SUITE N [ablate run options...]"
suite="$1" n="$2"
shift 2
[[ -f "$suite" ]] || die "no suite file '$suite'"
[[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number of shards, got '$n'"
command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node"
suite="$(cd "$(dirname "$suite")" && pwd)/$(basename "$suite")"
out="${ABLATE_OUT:-$root/results/$(basename "$suite" .yaml)-slurm}"
mkdir -p "$out/logs"
out="$(cd "$out" && pwd)"

# Build here, once: N tasks starting on a fresh checkout would otherwise run N Maven builds in one directory.
"$root/ablate" --version >/dev/null

export ABLATE_HOME="$root" ABLATE_SUITE="$suite" ABLATE_OUT="$out"
array=$(sbatch --parsable --array="0-$((n - 1))" --output="$out/logs/shard-%a.log" --export=ALL \
  "$here/shard.sbatch" "$@")
array="${array%%;*}" # --parsable prints "id;cluster" on multi-cluster sites
# Depend on each task, not on the array as a whole: a task requeued after the array's dependency was evaluated
# would not hold the merge back. kill-on-invalid-dep cancels the merge when a shard fails for good, instead of
# leaving it pending forever.
deps="afterok$(for ((i = 0; i < n; i++)); do printf ':%s_%d' "$array" "$i"; done)"
merge=$(sbatch --parsable --dependency="$deps" --kill-on-invalid-dep=yes --output="$out/logs/merge.log" \
  --export=ALL "$here/merge.sbatch")
merge="${merge%%;*}"
echo "$array $merge"
echo "submit.sh: shards: job array $array (0-$((n - 1))), merge: job $merge -> $out/report" >&2
