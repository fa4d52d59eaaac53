package ablate.plugins.detection.postprocess;

/** Post-processes one (image, category) group in place. */
@FunctionalInterface
interface GroupKernel {
    /**
     * @param group the group's boxes in input order
     * @return how many boxes are kept; they are then entries {@code [0, kept)} of the group, in output order,
     * with their final boxes and scores
     */
    int run(BoxGroup group);
}
