#!/bin/bash
# Does a newer engine close ESPCN's throughput gap? Alternating runs of the same ESPCN step (SrStepsBenchmark) on
# DJL 0.32 / libtorch 2.5.1 (oneDNN 3.5.3, what Ablate pins), on DJL 0.35.1 / libtorch 2.7.1 (oneDNN 3.7.1, the
# newest DJL engine on Maven Central) and in PyTorch 1.13, all with bench/sr_steps.sh's settings.
# DJL 0.35.1 is fetched into bench/target/m2 (not the project's repository); the rest of the classpath is Ablate's.
# Build first, as for bench/sr_steps.sh. Usage: bench/sr_engines.sh [ROUNDS] [espcn|srcnn]
set -e
cd "$(dirname "$0")/.."
repo=bench/target/m2 lib=bench/target/lib-djl-0.35.1
if [[ ! -d $lib ]]; then
  for a in ai.djl:api:0.35.1 ai.djl.pytorch:pytorch-engine:0.35.1 ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1 \
           ai.djl.pytorch:pytorch-native-cpu:2.7.1:jar:linux-x86_64; do
    mvn -B -q dependency:get -Dmaven.repo.local="$repo" -Dartifact=$a >/dev/null
  done
  mkdir -p $lib.tmp
  for f in plugins/target/lib/*.jar; do
    case $(basename "$f") in api-0.32*|pytorch-*) ;; *) cp "$f" $lib.tmp/ ;; esac
  done
  find "$repo/ai/djl" -name '*.jar' -exec cp {} $lib.tmp/ \;
  mv $lib.tmp $lib
fi
export ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 \
  MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864 MALLOC_ARENA_MAX=2
threads="-Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1"
model=${2:-espcn}; steps=$([[ $model == srcnn ]] && echo 60 || echo 400)
echo "# start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "${1:-3}"); do
  for side in plugins/target/lib $lib; do
    echo "rep $rep $(basename $side) $(java $threads -cp "plugins/target/test-classes:plugins/target/classes:$side/*" \
      ablate.plugins.superres.bench.SrStepsBenchmark $model $steps 2>/dev/null | tail -1)"
  done
  echo "rep $rep pytorch-1.13 $(/usr/bin/python3 bench/pytorch_sr.py $model --threads 2 --steps $steps 2>/dev/null)"
done
echo "# end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
