#!/bin/bash
# Where the CPU goes in an ESPCN training step, per thread: ours (DJL) and PyTorch 1.13 sampled with perf
# (cpu-clock, 1 kHz) over 1,200 steps with bench/sr_steps.sh's settings, summarised over a 7-second steady window
# by bench/perf_split.py. Needs perf (Debian's linux-perf) and permission to profile (root or perf_event_paranoid ≤ 2).
# Build first, as for bench/sr_steps.sh.
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "bench/sr_cpu.sh: needs perf (Debian's linux-perf)"; exit 2; }
CP="plugins/target/test-classes:plugins/target/classes:plugins/target/lib/*"
export ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 \
  MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864 MALLOC_ARENA_MAX=2
out=$(mktemp -d)
profile() {   # NAME COMMAND...: prints the steps per second, then the split
  local name=$1; shift
  perf record -q -e cpu-clock -F 1000 -o "$out/$name.data" "$@" >"$out/$name.json" 2>/dev/null
  perf script -i "$out/$name.data" -F tid,time,ip,sym,dso >"$out/$name.txt" 2>/dev/null
  local sps; sps=$(sed -n 's/.*"stepsPerSecond": \([0-9.]*\).*/\1/p' "$out/$name.json")
  [[ -n $sps ]] || { echo "$name: no result (perf record failed? perf_event_paranoid is $(cat /proc/sys/kernel/perf_event_paranoid))"; return; }
  echo "$name: $sps steps/s"
  /usr/bin/python3 bench/perf_split.py "$out/$name.txt" 1000 "$sps"
}
echo "# $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
profile ours java -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
  ablate.plugins.superres.bench.SrStepsBenchmark espcn 1200
profile pytorch-1.13 /usr/bin/python3 bench/pytorch_sr.py espcn --threads 2 --steps 1200
rm -rf "$out"
