package ablate.harness.run;

import ablate.harness.plan.Trial;

/** Where a running trial's epochs are reported: the progress bar in-process, the parent's pipe in a trial process. */
@FunctionalInterface
interface EpochListener {
    void epoch(Trial trial, int epoch, int epochs, double loss);
}
