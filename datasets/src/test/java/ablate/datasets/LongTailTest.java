package ablate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LongTailTest {
    @Test
    void countsMatchCuiEtAlsConstruction() {
        // Reference: python3 -c "print([int(n*((1.0/r)**(i/(C-1.0)))) for i in range(C)])" (Cui et al.'s formula)
        assertThat(LongTail.counts(600, 10, 100)).containsExactly(600, 359, 215, 129, 77, 46, 27, 16, 10, 6);
        assertThat(LongTail.counts(6000, 10, 100)).containsExactly(6000, 3596, 2156, 1292, 774, 464, 278, 166, 100, 60);
        assertThat(LongTail.counts(600, 10, 10)).containsExactly(600, 464, 359, 278, 215, 166, 129, 100, 77, 60);
        assertThat(LongTail.counts(600, 10, 1)).containsOnly(600);
        // The published sizes of CIFAR-10-LT (ratio 100: 12,406; 50: 13,996; 10: 20,431) and CIFAR-100-LT (100: 10,847)
        assertThat(Arrays.stream(LongTail.counts(5000, 10, 100)).sum()).isEqualTo(12406);
        assertThat(Arrays.stream(LongTail.counts(5000, 10, 50)).sum()).isEqualTo(13996);
        assertThat(Arrays.stream(LongTail.counts(5000, 10, 10)).sum()).isEqualTo(20431);
        assertThat(Arrays.stream(LongTail.counts(500, 100, 100)).sum()).isEqualTo(10847);
    }

    @Test
    void rejectsRatiosBelowOne() {
        assertThatThrownBy(() -> LongTail.counts(600, 10, 0.5)).hasMessageContaining("imbalance ratio must be");
        assertThatThrownBy(() -> LongTail.counts(600, 10, Double.NaN)).hasMessageContaining("imbalance ratio must be");
    }

    @Test
    void subsetFollowsTheProfileAndTheSeed() {
        ImageSet balanced = ImageSetTest.numbered(1000, 10);
        ImageSet tail = LongTail.of(balanced, 100, 5);
        assertThat(tail.classCounts()).containsExactly(LongTail.counts(100, 10, 100));
        assertThat(tail.size()).isEqualTo(Arrays.stream(LongTail.counts(100, 10, 100)).sum());
        ImageSet again = LongTail.of(balanced, 100, 5);
        for (int i = 0; i < tail.size(); i++) {
            assertThat(again.image(i)).isEqualTo(tail.image(i));
        }
        ImageSet other = LongTail.of(balanced, 100, 6);
        boolean differs = false;
        for (int i = 0; i < tail.size() && !differs; i++) {
            differs = !Arrays.equals(other.image(i), tail.image(i));
        }
        assertThat(differs).isTrue();
    }

    @Test
    void splitKeepsTheTestSetBalanced() {
        FashionMnist.Split split = FashionMnist.embedded().longTailed(100, 1);
        assertThat(split.train().classCounts()).containsExactly(600, 359, 215, 129, 77, 46, 27, 16, 10, 6);
        assertThat(split.test().classCounts()).containsOnly(100);
        assertThat(split.description()).endsWith(
                "training set long-tailed (imbalance ratio 100: 1,485 images, 600 to 6 per class)");
    }
}
