#!/bin/bash
# alternating runs of SRCNN and ESPCN training throughput: ours (DJL, the kernel guard's SSE4.1 cap) and PyTorch 1.13
# with the same cap. Build first: mvn -B -q -o -pl plugins -am test-compile (and dependency:copy-dependencies as ./ablate).
cd "$(dirname "$0")/.."
CP="plugins/target/test-classes:plugins/target/classes:plugins/target/lib/*"
for rep in 1 2 3; do
  for m in srcnn espcn; do
    echo "rep $rep ours $(ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE java -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" ablate.plugins.superres.bench.SrStepsBenchmark $m 2>/dev/null | tail -1)"
    echo "rep $rep torch-sse41 $(ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/pytorch_sr.py $m --threads 2 2>/dev/null)"
  done
done
