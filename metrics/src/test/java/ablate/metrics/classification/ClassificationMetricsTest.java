package ablate.metrics.classification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reference values from scikit-learn 1.2.1 (Debian python3-sklearn, /usr/bin/python3):
 * <pre>
 * rng=np.random.default_rng(7); t=rng.integers(0,5,30); p=t.copy()
 * flip=rng.random(30)&lt;0.4; p[flip]=rng.integers(0,5,flip.sum()); t[t==3]=2; p[p==4]=0
 * accuracy_score(t,p); balanced_accuracy_score(t,p)
 * precision_recall_fscore_support(t,p,average='macro'|'micro',zero_division=0)
 * confusion_matrix(t,p,labels=range(6))
 * </pre>
 * Class 3 is predicted but never true, class 4 true but never predicted (both 0/0 cases, counted as 0 like
 * zero_division=0), class 5 absent from both (left out of the macro means like sklearn's labels=None).
 */
class ClassificationMetricsTest {
    static final int[] TRUTH = {4, 2, 2, 4, 2, 2, 4, 1, 0, 1, 1, 4, 4, 0, 2, 4, 0, 2, 0, 2, 4, 1, 1, 1, 2, 1, 4, 2, 2, 2};
    static final int[] PRED = {0, 3, 3, 0, 2, 0, 3, 1, 2, 0, 1, 0, 0, 0, 2, 0, 1, 2, 3, 2, 2, 3, 0, 1, 3, 1, 0, 2, 2, 2};

    @Test
    void matchesSklearnIncludingZeroDivision() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, PRED, 6);
        assertThat(m.accuracy()).isCloseTo(0.4, within(1e-15));
        assertThat(m.balancedAccuracy()).isCloseTo(0.36444805194805197, within(1e-15));
        assertThat(m.macroPrecision()).isCloseTo(0.33555555555555555, within(1e-15));
        assertThat(m.macroRecall()).isCloseTo(0.2915584415584416, within(1e-15));
        assertThat(m.macroF1()).isCloseTo(0.3019047619047619, within(1e-15));
        assertThat(m.microPrecision()).isCloseTo(0.4, within(1e-15));
        assertThat(m.microRecall()).isCloseTo(0.4, within(1e-15));
        assertThat(m.microF1()).isCloseTo(0.4, within(1e-15));
        assertThat(m.confusion().counts()).isEqualTo(new long[][]{
                {1, 1, 1, 1, 0, 0}, {2, 4, 0, 1, 0, 0}, {1, 0, 7, 3, 0, 0},
                {0, 0, 0, 0, 0, 0}, {6, 0, 1, 1, 0, 0}, {0, 0, 0, 0, 0, 0}});
    }

    @Test
    void confusionMatrixAccumulates() {
        ConfusionMatrix a = new ConfusionMatrix(3);
        a.add(0, 1);
        a.add(2, 2);
        ConfusionMatrix b = ConfusionMatrix.of(new int[]{0}, new int[]{1}, 3);
        a.merge(b);
        assertThat(a.count(0, 1)).isEqualTo(2);
        assertThat(a.total()).isEqualTo(3);
        assertThat(a.support(0)).isEqualTo(2);
        assertThat(a.predicted(2)).isEqualTo(1);
        assertThat(a.correct()).isEqualTo(1);
        assertThatThrownBy(() -> a.add(3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truth label 3");
    }

    @Test
    void emptyInputIsNaN() {
        assertThat(ClassificationMetrics.of(new int[0], new int[0], 3).accuracy()).isNaN();
    }

    @Test
    void topKMatchesSklearnTieBreaking() {
        // float32 scores; top_k_accuracy_score(y, s, k=k, labels=range(4)) -> 0.25, 0.625, 0.875 for k = 1, 2, 3.
        // Rows 0-2 hold ties: sklearn ranks equal scores by descending class index.
        float[] s = {0.25f, 0.25f, 0.25f, 0.25f, 0.1f, 0.4f, 0.4f, 0.1f, 0.4f, 0.4f, 0.1f, 0.1f,
                0.15078802406787872f, 0.440313458442688f, 0.2395639568567276f, 0.4024983048439026f,
                0.09670409560203552f, 0.9678280353546143f, 0.21500404179096222f, 0.671765148639679f,
                0.3004200756549835f, 0.8740770220756531f, 0.6622147560119629f, 0.13161581754684448f,
                0.8450742959976196f, 0.9449481964111328f, 0.9039167761802673f, 0.569719135761261f,
                0.14545994997024536f, 0.19246350228786469f, 0.9279056787490845f, 0.552326500415802f};
        int[] y = {0, 2, 0, 3, 2, 1, 0, 3};
        assertThat(ClassificationMetrics.topK(s, 4, y, 1)).isEqualTo(0.25);
        assertThat(ClassificationMetrics.topK(s, 4, y, 2)).isEqualTo(0.625);
        assertThat(ClassificationMetrics.topK(s, 4, y, 3)).isEqualTo(0.875);
        assertThat(ClassificationMetrics.topK(s, 4, y, 4)).isEqualTo(1.0);
    }

    @Test
    void eceMatchesNumpyReference() {
        // rng=np.random.default_rng(3); z=rng.normal(size=(20,3))*2; p=softmax(z).astype(float32); y=rng.integers(0,3,20)
        // p[0]=[1/3]*3; p[1]=[.2,.2,.6]; then, in float64:
        // conf=p.max(1); acc=p.argmax(1)==y; edges=np.linspace(0,1,16)
        // sum(abs(acc[m].mean()-conf[m].mean())*m.mean() for m=(conf>lo)&(conf<=hi) if m.any()) -> 0.5832049608230591
        float[] p = {0.3333333432674408f, 0.3333333432674408f, 0.3333333432674408f, 0.20000000298023224f,
                0.20000000298023224f, 0.6000000238418579f, 0.021365683525800705f, 0.7634850144386292f,
                0.21514928340911865f, 0.9973246455192566f, 0.002035314915701747f, 0.0006400658166967332f,
                0.5973293781280518f, 0.2756000757217407f, 0.12707054615020752f, 0.12369099259376526f,
                0.7085914611816406f, 0.16771753132343292f, 0.7978673577308655f, 0.07879272848367691f,
                0.12333991378545761f, 0.8682969808578491f, 0.11734321713447571f, 0.01435982808470726f,
                0.013446304947137833f, 0.057135894894599915f, 0.9294177889823914f, 0.06764840334653854f,
                0.0712679773569107f, 0.8610836267471313f, 0.025850914418697357f, 0.08492983132600784f,
                0.8892192244529724f, 0.38867899775505066f, 0.14621631801128387f, 0.4651046693325043f,
                0.00044464642996899784f, 0.9808920621871948f, 0.018663303926587105f, 0.006091599352657795f,
                0.29798462986946106f, 0.6959238052368164f, 0.25992387533187866f, 0.07348725944757462f,
                0.6665888428688049f, 0.040925562381744385f, 0.7563058137893677f, 0.20276860892772675f,
                0.1295498162508011f, 0.8121626377105713f, 0.05828752741217613f, 0.02385670132935047f,
                0.48881345987319946f, 0.4873298406600952f, 0.2665746212005615f, 0.0856008231639862f,
                0.6478245258331299f, 0.0010249846382066607f, 0.5974769592285156f, 0.40149804949760437f};
        int[] y = {0, 2, 0, 2, 0, 1, 2, 2, 1, 0, 0, 2, 1, 0, 2, 2, 2, 1, 2, 1};
        assertThat(ClassificationMetrics.expectedCalibrationError(p, 3, y)).isCloseTo(0.5832049608230591, within(1e-12));
    }

    @Test
    void perfectlyCalibratedOneHotHasZeroEce() {
        float[] p = {1, 0, 0, 1};
        assertThat(ClassificationMetrics.expectedCalibrationError(p, 2, new int[]{0, 1})).isEqualTo(0.0);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> ClassificationMetrics.topK(new float[5], 2, new int[]{0, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 samples");
    }
}
