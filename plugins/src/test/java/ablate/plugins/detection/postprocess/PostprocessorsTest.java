package ablate.plugins.detection.postprocess;

import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static ablate.plugins.detection.postprocess.Boxes.of;
import static ablate.plugins.detection.postprocess.Boxes.run;
import static ablate.plugins.detection.postprocess.Boxes.scores;
import static ablate.plugins.detection.postprocess.Boxes.sources;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.BETA;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.BOX_OFFSET;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.IOU_THRESHOLD;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.KERNEL;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.SCORE_THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-worked cases for every post-processor. Expected scores are written as the formula of the method
 * applied to IoUs computed by hand (in the comments), e.g. {@code 0.8 * Math.exp(-0.64 / 0.5)}.
 */
class PostprocessorsTest {
    private static final double EPS = 1e-12;
    // A box of IoU 0.8 with A = [0, 0, 10, 10] (80 / 100), one of IoU 0.2 (20 / 100), one far away.
    private static final double[] A = {0, 0, 10, 10, 0.9};
    private static final double[] B = {0, 0, 10, 8, 0.8};
    private static final double[] FAR = {20, 20, 30, 30, 0.0005};
    private static final double[] D = {0, 0, 10, 2, 0.7};

    static List<PostprocessPlugin> plugins() {
        return List.of(new GreedyNms(), new SoftNmsLinear(), new SoftNmsGaussian(), new DiouNms(), new WeightedNms(),
                new MatrixNms());
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void noBoxesGiveNone(PostprocessPlugin plugin) {
        assertThat(plugin.apply(Detections.empty()).size()).isZero();
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void oneBoxIsKeptUnchanged(PostprocessPlugin plugin) {
        Detections out = plugin.apply(of(new double[]{1.5, 2, 4, 8.25, 0.5}));
        assertThat(out.size()).isOne();
        assertThat(new double[]{out.x1(0), out.y1(0), out.x2(0), out.y2(0), out.score(0)})
                .containsExactly(1.5, 2, 4, 8.25, 0.5);
        assertThat(out.image(0)).isEqualTo(7);
        assertThat(out.category(0)).isEqualTo(3);
    }

    /** Identical boxes in other categories or images never interact; groups come out in input order. */
    @ParameterizedTest
    @MethodSource("plugins")
    void worksPerImageAndCategory(PostprocessPlugin plugin) {
        Detections in = Detections.builder(4)
                .add(1, 1, 0, 0, 10, 10, 0.9)
                .add(1, 2, 0, 0, 10, 10, 0.8)
                .add(2, 1, 0, 0, 10, 10, 0.7)
                .add(1, 1, 0, 0, 10, 10, 0.6)
                .build();
        Detections out = plugin.apply(in);
        assertThat(out.source(0)).isZero();
        int last = out.size() - 1;
        assertThat(new int[]{out.source(last - 1), out.source(last)}).containsExactly(1, 2);
        for (int k : new int[]{0, last - 1, last}) {
            int i = out.source(k);
            assertThat(out.image(k)).isEqualTo(in.image(i));
            assertThat(out.category(k)).isEqualTo(in.category(i));
            assertThat(out.score(k)).isEqualTo(in.score(i));
            assertThat(out.x2(k)).isCloseTo(10, within(EPS));
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void doesNotTouchDisjointBoxes(PostprocessPlugin plugin) {
        Detections out = plugin.apply(of(new double[]{0, 0, 10, 10, 0.3}, new double[]{10, 0, 20, 10, 0.6},
                new double[]{50, 50, 60, 60, 0.6}));
        assertThat(sources(out)).containsExactly(1, 2, 0); // by score; the tie goes to the earlier box
        assertThat(scores(out)).containsExactly(0.6, 0.6, 0.3);
    }

    @Nested
    class Greedy {
        private final GreedyNms greedy = new GreedyNms();

        @Test
        void scoreTiesGoToTheEarlierInputBox() {
            // IoU 0.9: one suppresses the other; equal scores, so the first one in the input wins.
            assertThat(sources(greedy.apply(of(new double[]{0, 0, 10, 9, 0.5}, new double[]{0, 0, 10, 10, 0.5}))))
                    .containsExactly(0);
            assertThat(sources(greedy.apply(of(new double[]{0, 0, 10, 10, 0.5}, new double[]{0, 0, 10, 9, 0.5}))))
                    .containsExactly(0);
        }

        @Test
        void identicalBoxesKeepTheBestScore() {
            Detections out = greedy.apply(of(new double[]{0, 0, 10, 10, 0.3}, new double[]{0, 0, 10, 10, 0.8},
                    new double[]{0, 0, 10, 10, 0.8}));
            assertThat(sources(out)).containsExactly(1);
        }

        @Test
        void suppressesOnlyAboveTheThreshold() {
            // IoU([0,0,2,1], [0,0,1,1]) = 1 / 2 exactly.
            Detections in = of(new double[]{0, 0, 2, 1, 0.9}, new double[]{0, 0, 1, 1, 0.8});
            assertThat(sources(run(greedy, in, Map.of(IOU_THRESHOLD, 0.5)))).containsExactly(0, 1);
            assertThat(sources(run(greedy, in, Map.of(IOU_THRESHOLD, 0.49)))).containsExactly(0);
        }

        @Test
        void suppressionIsNotTransitive() {
            // A suppresses B (IoU 0.8), B would suppress D (IoU 0.25 > 0.2) but D's IoU with A is only 0.2.
            Detections out = run(greedy, of(A, B, D), Map.of(IOU_THRESHOLD, 0.2));
            assertThat(sources(out)).containsExactly(0, 2);
        }

        @Test
        void legacyOffsetAddsOneToWidthsHeightsAndOverlaps() {
            // [0,0,9,9] vs [5,0,14,9]: continuous IoU = 4*9 / (81 + 81 - 36) = 0.2857;
            // legacy +1: 5*10 / (100 + 100 - 50) = 1/3 > 0.3.
            Detections in = of(new double[]{0, 0, 9, 9, 0.9}, new double[]{5, 0, 14, 9, 0.8});
            assertThat(sources(run(greedy, in, Map.of(IOU_THRESHOLD, 0.3)))).containsExactly(0, 1);
            assertThat(sources(run(greedy, in, Map.of(IOU_THRESHOLD, 0.3, BOX_OFFSET, 1)))).containsExactly(0);
        }

        @Test
        void scoreThresholdDropsBoxesFirst() {
            Detections out = run(greedy, of(A, D), Map.of(SCORE_THRESHOLD, 0.8));
            assertThat(sources(out)).containsExactly(0);
        }
    }

    @Nested
    class SoftLinear {
        private final SoftNmsLinear soft = new SoftNmsLinear();

        @Test
        void decaysOverlapsAboveNtAndLeavesTheRest() {
            // Step 1 keeps A: B (IoU 0.8 > Nt 0.3) -> 0.8 * (1 - 0.8); D (IoU 0.2) keeps 0.7; the copy of A with
            // score 0.001 (IoU 1) -> 0, dropped; FAR never overlaps and keeps 0.0005 although below 0.001.
            // Step 2 keeps D: IoU(D, B) = 20 / 80 = 0.25 <= Nt. Then B, then FAR.
            double[] weakCopy = {0, 0, 10, 10, 0.001};
            Detections out = soft.apply(of(A, B, FAR, D, weakCopy));
            assertThat(sources(out)).containsExactly(0, 3, 1, 2);
            assertThat(scores(out)).containsExactly(new double[]{0.9, 0.7, 0.8 * (1 - 0.8), 0.0005}, within(EPS));
        }

        @Test
        void identicalBoxesAreDropped() {
            assertThat(sources(soft.apply(of(A, A.clone())))).containsExactly(0);
        }

        @Test
        void tiesFollowTheReleasedCodesSwaps() {
            // cpu_soft_nms swaps the maximum to the front: [.5, .5, .9] -> [.9, .5 (#1), .5 (#0)].
            Detections out = soft.apply(of(new double[]{0, 0, 1, 1, 0.5}, new double[]{5, 5, 6, 6, 0.5},
                    new double[]{9, 9, 10, 10, 0.9}));
            assertThat(sources(out)).containsExactly(2, 1, 0);
        }

        @Test
        void legacyOffsetNumbers() {
            // IoU 0.2857 (continuous) <= Nt, 1/3 (legacy +1) > Nt: 0.8 * (1 - 1/3).
            Detections in = of(new double[]{0, 0, 9, 9, 0.9}, new double[]{5, 0, 14, 9, 0.8});
            assertThat(scores(soft.apply(in))).containsExactly(0.9, 0.8);
            assertThat(scores(run(soft, in, Map.of(BOX_OFFSET, 1))))
                    .containsExactly(new double[]{0.9, 0.8 * (1 - 1.0 / 3)}, within(EPS));
        }
    }

    @Nested
    class SoftGaussian {
        private final SoftNmsGaussian soft = new SoftNmsGaussian();

        @Test
        void decaysEveryOverlapByExpOfIouSquaredOverSigma() {
            // A kept: B (IoU 0.8) -> 0.8 exp(-0.64/0.5); D (IoU 0.2) -> 0.7 exp(-0.04/0.5); weak copy of A
            // (IoU 1) -> 0.001 exp(-2) < 0.001, dropped. D kept next: B (IoU 0.25) -> * exp(-0.0625/0.5).
            double[] weakCopy = {0, 0, 10, 10, 0.001};
            Detections out = soft.apply(of(A, B, FAR, D, weakCopy));
            assertThat(sources(out)).containsExactly(0, 3, 1, 2);
            assertThat(scores(out)).containsExactly(new double[]{0.9, 0.7 * Math.exp(-0.08),
                    0.8 * Math.exp(-1.28) * Math.exp(-0.125), 0.0005}, within(EPS));
        }

        @Test
        void identicalBoxesAreDecayedNotDropped() {
            assertThat(scores(soft.apply(of(A, new double[]{0, 0, 10, 10, 0.8}))))
                    .containsExactly(new double[]{0.9, 0.8 * Math.exp(-1.0 / 0.5)}, within(EPS));
        }

        @Test
        void legacyOffsetNumbers() {
            Detections in = of(new double[]{0, 0, 9, 9, 0.9}, new double[]{5, 0, 14, 9, 0.8});
            double continuous = 36.0 / 126;
            assertThat(scores(soft.apply(in))).containsExactly(
                    new double[]{0.9, 0.8 * Math.exp(-continuous * continuous / 0.5)}, within(EPS));
            assertThat(scores(run(soft, in, Map.of(BOX_OFFSET, 1)))).containsExactly(
                    new double[]{0.9, 0.8 * Math.exp(-(1.0 / 9) / 0.5)}, within(EPS));
        }
    }

    @Nested
    class Diou {
        private final DiouNms diou = new DiouNms();
        // IoU([0,0,10,10], [0,0,10,5]) = 0.5; centres 2.5 apart, enclosing diagonal^2 = 200: DIoU = 0.5 - 6.25/200.
        private final Detections in = of(A, new double[]{0, 0, 10, 5, 0.8});

        @Test
        void distantCentresSurviveWhereGreedyNmsSuppresses() {
            assertThat(sources(run(new GreedyNms(), in, Map.of(IOU_THRESHOLD, 0.48)))).containsExactly(0);
            assertThat(sources(run(diou, in, Map.of(IOU_THRESHOLD, 0.48)))).containsExactly(0, 1); // 0.46875
            assertThat(sources(run(diou, in, Map.of(IOU_THRESHOLD, 0.46)))).containsExactly(0);
        }

        @Test
        void betaIsTheExponentOfThePenalty() {
            // 0.5 - sqrt(0.03125) = 0.3232 <= 0.4.
            assertThat(sources(run(diou, in, Map.of(IOU_THRESHOLD, 0.4, BETA, 0.5)))).containsExactly(0, 1);
            assertThat(sources(run(diou, in, Map.of(IOU_THRESHOLD, 0.4)))).containsExactly(0);
        }

        @Test
        void identicalBoxesAreSuppressedAndCoincidentPointsAreNot() {
            assertThat(sources(diou.apply(of(A, A.clone())))).containsExactly(0);
            // Two zero-area boxes at one point: IoU 0, enclosing diagonal 0, so no penalty.
            assertThat(sources(diou.apply(of(new double[]{3, 3, 3, 3, 0.9}, new double[]{3, 3, 3, 3, 0.8}))))
                    .containsExactly(0, 1);
        }
    }

    @Nested
    class Weighted {
        private final WeightedNms weighted = new WeightedNms();

        @Test
        void keptBoxIsTheScoreWeightedMeanOfItsCluster() {
            // IoU([0,0,10,10], [2,0,12,10]) = 80 / 120 > 0.5: x1 = (0.9*0 + 0.6*2) / 1.5, x2 = (0.9*10 + 0.6*12) / 1.5.
            double[] far = {30, 30, 40, 40, 0.7};
            Detections out = weighted.apply(of(A, new double[]{2, 0, 12, 10, 0.6}, far));
            assertThat(sources(out)).containsExactly(0, 2);
            assertThat(new double[]{out.x1(0), out.y1(0), out.x2(0), out.y2(0), out.score(0)})
                    .containsExactly(new double[]{0.8, 0, 10.8, 10, 0.9}, within(EPS));
            assertThat(new double[]{out.x1(1), out.y1(1), out.x2(1), out.y2(1), out.score(1)}).containsExactly(far);
        }

        @Test
        void boxesAtOrBelowTheThresholdStayApart() {
            Detections out = run(weighted, of(A, new double[]{2, 0, 12, 10, 0.6}), Map.of(IOU_THRESHOLD, 0.7));
            assertThat(sources(out)).containsExactly(0, 1);
            assertThat(out.x1(0)).isZero();
        }

        @Test
        void identicalBoxesMergeIntoOne() {
            Detections out = weighted.apply(of(A, A.clone(), new double[]{0, 0, 10, 10, 0.1}));
            assertThat(sources(out)).containsExactly(0);
            assertThat(new double[]{out.x1(0), out.x2(0), out.score(0)}).containsExactly(new double[]{0, 10, 0.9},
                    within(EPS));
        }
    }

    @Nested
    class Matrix {
        private final MatrixNms matrix = new MatrixNms();
        // IoU(A, B) = 0.8, IoU(A, C) = 0.6, IoU(B, C) = 60 / 80 = 0.75.
        private final Detections in = of(A, B, new double[]{0, 0, 10, 6, 0.7});

        @Test
        void gaussianDecayIsCompensatedByHowMuchTheSuppressorIsItselfSuppressed() {
            // decay_B = exp(-2*0.64); decay_C = min(exp(-2*0.36) / 1, exp(-2*0.5625) / exp(-2*0.64)) = exp(-0.72).
            Detections out = matrix.apply(in);
            assertThat(sources(out)).containsExactly(0, 2, 1);
            assertThat(scores(out)).containsExactly(new double[]{0.9, 0.7 * Math.exp(-0.72), 0.8 * Math.exp(-1.28)},
                    within(EPS));
        }

        @Test
        void linearKernel() {
            // decay_B = 1 - 0.8; decay_C = min((1 - 0.6) / 1, (1 - 0.75) / (1 - 0.8)) = 0.4.
            Detections out = run(matrix, in, Map.of(KERNEL, MatrixNms.LINEAR));
            assertThat(sources(out)).containsExactly(0, 2, 1);
            assertThat(scores(out)).containsExactly(new double[]{0.9, 0.7 * 0.4, 0.8 * 0.2}, within(EPS));
            assertThat(sources(run(matrix, in, Map.of(KERNEL, MatrixNms.LINEAR, SCORE_THRESHOLD, 0.2))))
                    .containsExactly(0, 2);
        }

        @Test
        void identicalBoxes() {
            Detections copies = of(A, new double[]{0, 0, 10, 10, 0.8}, new double[]{0, 0, 10, 10, 0.7});
            // Linear: 1 - IoU = 0 for both copies (the 0/0 ratio of the third is skipped).
            assertThat(sources(run(matrix, copies, Map.of(KERNEL, MatrixNms.LINEAR)))).containsExactly(0);
            // Gaussian: each copy decays by exp(-2) against A; the third's ratio against the second is 1.
            assertThat(scores(matrix.apply(copies))).containsExactly(
                    new double[]{0.9, 0.8 * Math.exp(-2), 0.7 * Math.exp(-2)}, within(EPS));
        }

        @Test
        void scoreThresholdAppliesToDecayedScores() {
            assertThat(sources(run(matrix, in, Map.of(SCORE_THRESHOLD, 0.3)))).containsExactly(0, 2);
        }
    }
}
