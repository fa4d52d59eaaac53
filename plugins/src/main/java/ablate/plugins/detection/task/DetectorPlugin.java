package ablate.plugins.detection.task;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;

/** Slot {@code model} of the detection task: a trainable detector family and its size. */
public interface DetectorPlugin extends Plugin {
    String SLOT = "model";

    /** A fresh, uninitialized detector for {@code classes} object classes. */
    Detector create(int classes, Params params);
}
