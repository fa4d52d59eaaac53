#!/bin/bash
# Where an ESPCN training step's time goes, per oneDNN primitive: ours (libtorch 2.5.1, oneDNN 3.5.3) against
# PyTorch 1.13 (oneDNN 2.6.3), same settings as bench/sr_steps.sh, with ONEDNN_VERBOSE=1 timing every primitive.
# Prints, per side, the milliseconds per training step spent in each (primitive, implementation, direction, shape),
# the total in oneDNN, and the step time (verbose logging slows both sides). Build first, as for bench/sr_steps.sh.
cd "$(dirname "$0")/.."
CP="plugins/target/test-classes:plugins/target/classes:plugins/target/lib/*"
export ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 \
  MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864 MALLOC_ARENA_MAX=2 ONEDNN_VERBOSE=1
steps=300
summarise() {   # the first 3 steps are warm-up; their primitives are counted too (303 of each), so divide by 303
  awk -F, -v n=$((steps + 3)) '/exec/ { for (i = 1; i <= NF; i++) if ($i == "convolution" || $i == "reorder") {
      key = sprintf("%-11s %-12s %-16s %s", $i, $(i+1), $(i+2), $(NF-1)); t[key] += $NF; all += $NF; break } }
    /^onednn_verbose,info,oneDNN/ { print "  " $3 }
    /stepsPerSecond/ { print "  " $0 }
    END { for (k in t) printf "  %7.3f ms/step  %s\n", t[k] / n, k | "sort -rn"; close("sort -rn");
          printf "  %7.3f ms/step  in oneDNN\n", all / n }'
}
echo "ours (DJL):"
java -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
  ablate.plugins.superres.bench.SrStepsBenchmark espcn $steps 2>&1 | summarise
echo "PyTorch 1.13:"
/usr/bin/python3 bench/pytorch_sr.py espcn --threads 2 --steps $steps 2>&1 | summarise
