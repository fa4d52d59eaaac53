#!/bin/bash
# Alternating runs of SRCNN and ESPCN training throughput: ours (DJL, the kernel guard's SSE4.1 cap) and PyTorch 1.13
# with the same cap, both with the OpenMP and malloc settings ./ablate gives every trial (see ./ablate).
# Build first: mvn -B -q -o -pl plugins -am test-compile (and dependency:copy-dependencies, as ./ablate does).
# Usage: bench/sr_steps.sh [ROUNDS]   (timed steps per run: SRCNN 60, ESPCN 400, each after 3 warm-up steps)
cd "$(dirname "$0")/.."
CP="plugins/target/test-classes:plugins/target/classes:plugins/target/lib/*"
export ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 \
  MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864 MALLOC_ARENA_MAX=2
echo "# start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "${1:-3}"); do
  for m in srcnn espcn; do
    steps=$([[ $m == srcnn ]] && echo 60 || echo 400)
    echo "rep $rep ours $(java -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" ablate.plugins.superres.bench.SrStepsBenchmark $m $steps 2>/dev/null | tail -1)"
    echo "rep $rep torch-sse41 $(/usr/bin/python3 bench/pytorch_sr.py $m --threads 2 --steps $steps 2>/dev/null)"
  done
done
echo "# end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
