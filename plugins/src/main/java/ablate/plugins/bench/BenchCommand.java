package ablate.plugins.bench;

import ablate.harness.UserError;
import ablate.harness.cli.EngineSettings;
import ablate.harness.cli.Subcommand;
import ablate.harness.run.Devices;
import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** {@code ablate bench train|infer}: training and inference throughput of a ResNet on random images. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Times the harness's own training and inference steps",
        description = {"Times the harness's own training and inference steps (background batch loading, per-step "
                + "memory scoping) on a ResNet with random 1-channel images, after warm-up steps.",
                "Models: resnet20 (ResNet-20, 16/32/64 channels, 28x28 inputs) and tiny (the same graph with 4/8/16 "
                        + "channels on 8x8 inputs, where per-op dispatch dominates: run it with --batch 1).",
                "bench/pytorch_resnet20.py runs the same models in PyTorch for comparison; see "
                        + "docs/benchmarks-training.md.", ""},
        subcommands = {BenchCommand.Train.class, BenchCommand.Infer.class},
        footer = {"", "Examples:", "  ablate bench train --model resnet20 --batch 128 --steps 30 --threads 2",
                "  ablate bench infer --model resnet20 --batch 128 --json",
                "  ablate bench train --model tiny --batch 1 --steps 200 --warmup 50"})
public final class BenchCommand implements Callable<Integer>, Subcommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return ablate.harness.cli.CommandList.print(spec.commandLine(), System.out);
    }

    /** The options both modes share. */
    static final class Options {
        @Option(names = "--model", paramLabel = "NAME", defaultValue = "resnet20",
                description = "resnet20 or tiny (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "30", description = "Timed steps (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
                description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--threads", paramLabel = "N",
                description = "Engine intra-op threads (default: available cores); inter-op threads are 1.")
        Integer threads;

        @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "cpu",
                description = "Where to run (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the data and weights (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        int run(String mode) throws Exception {
            BenchModel spec = BenchModel.of(model);
            if (batch < 1 || steps < 1 || warmup < 0) {
                throw new UserError("--batch and --steps must be at least 1 and --warmup at least 0, got " + batch
                        + ", " + steps + " and " + warmup);
            }
            if (threads != null && threads < 1) {
                throw new UserError("--threads must be at least 1, got " + threads);
            }
            EngineSettings.apply(threads, 1, System.err);
            Device dev = Devices.select(device, System.err);
            BenchResult result = onWorkerThread(() -> {
                try (Workload w = mode.equals("train") ? Workload.train(spec, batch, dev, seed)
                        : Workload.infer(spec, batch, dev, seed)) {
                    return time(w, mode, spec, dev);
                }
            });
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(result));
            } else {
                System.out.printf("%s %s, batch %d, %d threads, %s (%s): %d steps after %d warm-up, load %.2f%n",
                        mode, spec.id(), batch, result.threads(), dev, result.engine(), steps, warmup,
                        result.loadAverage());
                System.out.printf("imagesPerSecond: %.1f%nmsPerStep: %.3f%ncpuMsPerStep: %.3f%n", result.imagesPerSecond(),
                        result.msPerStep(), result.cpuMsPerStep());
            }
            return 0;
        }

        private BenchResult time(Workload w, String mode, BenchModel spec, Device dev) {
            for (int i = 0; i < warmup; i++) {
                w.step();
            }
            w.sync();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                w.step();
            }
            float loss = w.sync();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException("the training loss is " + loss);
            }
            Engine engine = Engine.getInstance();
            return new BenchResult(mode, spec.id(), batch, steps, warmup,
                    Integer.getInteger("ai.djl.pytorch.num_threads", 0), dev.toString(),
                    engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")",
                    seconds * 1e3 / steps, batch * steps / seconds, cpuMs / steps, os.getSystemLoadAverage());
        }
    }

    /** Runs {@code work} on a new thread, as the harness runs a trial (libtorch keeps some state per thread). */
    static <T> T onWorkerThread(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "ablate-bench");
        worker.start();
        worker.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Training throughput: forward, softmax cross-entropy, backward and an SGD step (momentum "
                    + "0.9) per batch; the loss is summed on the device and read once at the end.", ""})
    static final class Train implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() throws Exception {
            return options.run("train");
        }
    }

    @Command(name = "infer", mixinStandardHelpOptions = true,
            description = {"Inference throughput: a forward pass in eval mode without autograd, the predicted "
                    + "classes read back, per batch.", ""})
    static final class Infer implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() throws Exception {
            return options.run("infer");
        }
    }
}
