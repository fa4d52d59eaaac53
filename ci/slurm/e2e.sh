#!/usr/bin/env bash
# End-to-end test of ci/slurm on a real Slurm: starts a one-node cluster on this machine, runs suites/tiny-scale.yaml
# as a 3-task array through submit.sh, kills one shard once (it must requeue itself and resume, not start over), and
# checks that the merged report equals the report of the same suite run unsharded. Then a shard given bad input must
# fail at once and its merge be cancelled. Run as root on Debian (installs slurmctld slurmd slurm-client munge jq):
#   ci/slurm/e2e.sh
# Nothing is left running: every daemon it starts is stopped by its pid file; its files stay in $work (printed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
suite=suites/tiny-scale.yaml
[[ $(id -u) -eq 0 ]] || { echo "e2e.sh: run as root (it starts slurmctld, slurmd and munged)" >&2; exit 2; }
log() { echo "e2e: $(date -u +%T) $*"; }
fail() { echo "e2e: FAIL: $*" >&2; exit 1; }

missing=()
for p in slurmctld slurmd slurm-client munge jq; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work="$(mktemp -d /tmp/ablate-slurm-e2e.XXXXXX)"
chmod 755 "$work"
started=()
stop_all() {
  local code=$?
  # Jobs first: slurmstepd outlives a stopped slurmd, and a job left running would go on training.
  if [[ -n "${SLURM_CONF:-}" && -s "$work/slurmctld.pid" ]]; then
    squeue -h -o %A 2>/dev/null | xargs -r scancel 2>/dev/null || true
    for ((t = 0; t < 30; t++)); do [[ -z "$(squeue -h 2>/dev/null)" ]] && break; sleep 1; done
  fi
  for pidfile in "${started[@]}"; do
    [[ -s "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  if ((code != 0)); then
    for f in "$work"/slurmctld.log "$work"/slurmd.log "$work"/sharded/logs/*.log; do
      [[ -f "$f" ]] && { echo "--- $f"; tail -n 25 "$f"; }
    done
  fi
  log "files in $work"
}
trap stop_all EXIT

# munge authenticates Slurm's messages. Debian's package makes the key; munged must run as user munge.
[[ -f /etc/munge/munge.key ]] || runuser -u munge -- mungekey --create
mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
if ! munge -n </dev/null >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  started+=(/run/munge/munged.pid)
fi

# A one-node cluster. Named with its address: by name, every command stalls on name lookup here. No cgroups:
# with proctrack/cgroup jobs "complete" without running in a container. MinJobAge keeps finished jobs' states
# readable (there is no accounting, so no sacct). Own ports, so as not to meet a cluster already on this machine.
export SLURM_CONF="$work/slurm.conf"
node="$(slurmd -C | head -n 1)"
cat >"$SLURM_CONF" <<CONF
ClusterName=ablate-e2e
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=3600
DependencyParameters=kill_invalid_depend
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=e2e Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
mkdir -p "$work/state" "$work/spool"
slurmctld -f "$SLURM_CONF"
started+=("$work/slurmctld.pid")
slurmd -f "$SLURM_CONF"
started+=("$work/slurmd.pid")
for ((t = 0; t < 60; t++)); do
  [[ "$(sinfo -h -o %T 2>/dev/null)" == idle ]] && break
  sleep 1
done
[[ "$(sinfo -h -o %T)" == idle ]] || fail "the node did not come up: $(sinfo -h -o '%T %E' 2>&1)"
log "cluster up: $(sinfo -h -o '%N %c CPUs %T')"

state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }
wait_done() { # job [seconds]: waits until the job is no longer pending or running, prints its state
  local deadline=$((SECONDS + ${2:-900})) s
  while ((SECONDS < deadline)); do
    s="$(state "$1")"
    [[ "$s" =~ ^(PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|REQUEUE_HOLD|REQUEUE_FED)$ ]] || { echo "$s"; return; }
    sleep 1
  done
  echo TIMEOUT
}

"$root/ablate" --version >/dev/null # build once, before the clock of any job starts
log "the suite unsharded (the reference)"
"$root/ablate" run "$suite" --out "$work/whole" --quiet

log "the suite as a 3-task array"
read -r array merge < <(ABLATE_OUT="$work/sharded" ci/slurm/submit.sh "$suite" 3) || true
[[ -n "$merge" ]] || fail "submit.sh submitted nothing"
victim="${array}_1"
first=""
deadline=$((SECONDS + 600))
while [[ -z "$first" ]] && ((SECONDS < deadline)); do
  first="$(ls "$work/sharded/shard-1/trials/"*.json 2>/dev/null | head -n 1 || true)"
  sleep 0.1
done
[[ -n "$first" ]] || fail "shard 2 wrote no result in 10 minutes"
started_at="$(jq -r .startedAt "$first")"
# Fail shard 2 once, as the kernel's OOM killer would: SIGKILL its `ablate run` JVM (its trial process stops by
# itself when its parent dies).
jvm=""
victim_id="$(scontrol show job "$victim" | grep -o 'JobId=[0-9]*' | head -n 1 | cut -d= -f2)" # listpids wants this
for pid in $(scontrol listpids "$victim_id" | awk 'NR > 1 {print $1}'); do
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'ablate.harness.cli.Main run'; then jvm=$pid; fi
done
[[ -n "$jvm" ]] || fail "shard 2 had no ablate JVM to kill (it finished too soon?)"
kill -KILL "$jvm"
log "killed shard 2's JVM (pid $jvm) after its first result"
# Slurm makes a requeued task eligible again only 2 minutes later (its BeginTime, as measured here): start it now.
for ((t = 0; t < 60; t++)); do
  scontrol show job "$victim" | grep -q 'Restarts=1' && [[ "$(state "$victim")" == PENDING ]] && break
  sleep 1
done
scontrol update JobId="$victim" StartTime=now || true

[[ "$(wait_done "$merge")" == COMPLETED ]] || fail "merge job $merge ended $(state "$merge")"
for i in 0 1 2; do
  [[ "$(state "${array}_$i")" == COMPLETED ]] || fail "shard task ${array}_$i ended $(state "${array}_$i")"
done
restarts="$(scontrol show job "$victim" | grep -o 'Restarts=[0-9]*' | cut -d= -f2)"
[[ "$restarts" == 1 ]] || fail "shard 2 was requeued $restarts times, expected once"
grep -q "attempt 2" "$work/sharded/logs/shard-1.log" || fail "shard 2's log shows no second attempt"
[[ "$(jq -r .startedAt "$first")" == "$started_at" ]] || fail "the requeued shard ran its finished trial again"
log "shard 2 failed once, was requeued (Restarts=1) and resumed: its finished trial was not run again"

# The merge equals the unsharded run: the same trials with the same metrics, and the same summary apart from
# what depends on the clock (seconds, latency, provenance) and the suite's path as typed (submit.sh makes it absolute).
trials() { for f in "$@"; do jq -cS '{id, variant, seed, status, metrics, artifacts}' "$f"; done | sort; }
summary() { jq -S 'del(.provenance, .suite.file) | .variants |= map(del(.cost, .paretoFront))' "$1"; } # file: as given
diff <(trials "$work"/whole/trials/*.json) <(trials "$work"/sharded/shard-*/trials/*.json) >"$work/trials.diff" \
  || fail "sharded trials differ from the unsharded run: $work/trials.diff"
diff <(summary "$work/whole/summary.json") <(summary "$work/sharded/report/summary.json") >"$work/summary.diff" \
  || fail "the merged summary differs from the unsharded one: $work/summary.diff"
n="$(ls "$work"/whole/trials/*.json | wc -l)"
log "merged report of 3 shards == unsharded report: $n trials, same ids and metrics"

log "bad input to submit.sh is one line and exit 2, before anything is queued"
for args in "$suite 0" "$suite x" "suites/no-such.yaml 2" "$suite"; do
  set +e
  # shellcheck disable=SC2086 # split on purpose: each case is a list of arguments
  err="$(ci/slurm/submit.sh $args 2>&1 >/dev/null)"
  code=$?
  set -e
  [[ $code -eq 2 && "$(wc -l <<<"$err")" -eq 1 && "$err" == submit.sh:* ]] \
    || fail "submit.sh $args: exit $code, '$err' (expected exit 2 and one line)"
done

log "bad input fails a shard at once and cancels its merge"
read -r array merge < <(ABLATE_OUT="$work/bad" ci/slurm/submit.sh "$suite" 2 --trial-memory lots) || true
[[ -n "$merge" ]] || fail "submit.sh submitted nothing"
s="$(wait_done "${array}_0" 300)"
[[ "$s" == FAILED ]] || fail "a shard given bad input ended $s, expected FAILED"
[[ "$(scontrol show job "${array}_0" | grep -o 'Restarts=[0-9]*')" == Restarts=0 ]] || fail "bad input was retried"
s="$(wait_done "$merge" 120)"
[[ "$s" == CANCELLED ]] || fail "the merge of failed shards ended $s, expected CANCELLED"
grep -q "^ablate: " "$work/bad/logs/shard-0.log" || fail "no one-line error in the bad shard's log"
log "PASS"
