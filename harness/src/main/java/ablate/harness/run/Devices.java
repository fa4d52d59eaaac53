package ablate.harness.run;

import ablate.harness.UserError;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.io.PrintStream;

/** {@code --device cpu|gpu|auto} through DJL's device discovery. */
public final class Devices {
    private Devices() {
    }

    public static Device select(String choice, PrintStream notices) {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (choice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new UserError("--device gpu: no GPU visible to DJL's " + Engine.getInstance().getEngineName()
                            + " engine (build with the CUDA natives: ABLATE_GPU=1 ./ablate ..., see README), or use --device cpu");
                }
                yield Device.gpu();
            }
            case "auto" -> {
                if (gpus > 0) {
                    yield Device.gpu();
                }
                notices.println("No GPU found: running on CPU.");
                yield Device.cpu();
            }
            default -> throw new UserError("--device must be cpu, gpu or auto, got '" + choice + "'");
        };
    }
}
