#!/bin/bash
# alternating runs: ours (DJL, guard's SSE4.1 cap), PyTorch 1.13 with the same cap, PyTorch default kernels
cd "$(dirname "$0")/.."
CP="plugins/target/test-classes:plugins/target/classes:plugins/target/lib/*"
for rep in 1 2 3; do
  echo "rep $rep ours $(ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 java -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" ablate.plugins.segmentation.bench.SegmentationEpochBenchmark 2>/dev/null | tail -1)"
  echo "rep $rep torch-sse41 $(ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 /usr/bin/python3 bench/pytorch_unet.py --threads 2 --json 2>/dev/null)"
  echo "rep $rep torch-default $(OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 /usr/bin/python3 bench/pytorch_unet.py --threads 2 --json 2>/dev/null)"
done
