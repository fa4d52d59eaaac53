package ablate.harness.run;

import ablate.harness.plan.Trial;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The ETA on a hand-driven clock: every expected figure is worked out in the comments. */
class EtaEstimateTest {
    private final AtomicLong clock = new AtomicLong();

    private void at(double seconds) {
        clock.set(Math.round(seconds * 1e9));
    }

    private static Trial trial(String variant, long seed) {
        return new Trial(variant + "-s" + seed, variant, seed, Map.of(), Map.of());
    }

    @Test
    void eachVariantCostsWhatItsOwnEpochsCost() {
        // the super-resolution shape: bicubic trains nothing, ESPCN 5 s an epoch, EDSR 50 s; 6 epochs, 2 seeds each
        Trial bic1 = trial("baseline", 1);
        Trial esp1 = trial("espcn", 1);
        Trial edsr1 = trial("edsr", 1);
        List<Trial> trials = List.of(bic1, esp1, edsr1, trial("baseline", 2), trial("espcn", 2), trial("edsr", 2));
        EtaEstimate eta = new EtaEstimate(trials, 6, clock::get);
        assertThat(eta.remaining()).isEmpty();   // nothing measured yet

        eta.started(bic1);
        at(0.5);
        eta.finished(bic1);
        // only bicubic seen (0.5 s for the trial): every other trial is guessed at that rate, 5 × 0.5 s
        assertThat(eta.remaining()).contains(Duration.ofSeconds(3));

        eta.started(esp1);
        for (int e = 1; e <= 6; e++) {
            at(0.5 + 5 * e);
            eta.epoch(esp1, e);
        }
        eta.finished(esp1);
        eta.started(edsr1);
        at(30.5 + 50);
        eta.epoch(edsr1, 1);
        // left: edsr1 5 × 50 s, bicubic seed 2 0.5 s, ESPCN seed 2 30 s, EDSR seed 2 300 s = 580.5 s; one trial at a
        // time, so parallelism 80.5 / 80.5 = 1
        assertThat(eta.remaining()).contains(Duration.ofSeconds(581));
    }

    @Test
    void anUnseenVariantCostsWhatTrainingVariantsCostNotWhatABaselineWithNothingToTrainCosts() {
        Trial bic = trial("baseline", 1);
        Trial esp = trial("espcn", 1);
        EtaEstimate eta = new EtaEstimate(List.of(bic, esp, trial("edsr", 1)), 4, clock::get);
        eta.started(bic);
        at(0.2);
        eta.finished(bic);
        eta.started(esp);
        at(10.2);
        eta.epoch(esp, 1);
        // ESPCN: 10 s an epoch, 3 left = 30 s; EDSR unseen: ESPCN's rate (bicubic's 0.05 s is left out), 40 s
        assertThat(eta.remaining()).contains(Duration.ofSeconds(70));
    }

    @Test
    void trialsRunInParallelDivideTheWorkLeft() {
        Trial a = trial("a", 1);
        Trial b = trial("a", 2);
        EtaEstimate eta = new EtaEstimate(List.of(a, b, trial("a", 3), trial("a", 4)), 2, clock::get);
        eta.started(a);
        eta.started(b);
        at(10);
        eta.epoch(a, 1);
        eta.epoch(b, 1);
        // 10 s an epoch; left: 10 + 10 + 20 + 20 = 60 trial-seconds; 20 trial-seconds in 10 s of wall = 2 at once
        assertThat(eta.remaining()).contains(Duration.ofSeconds(30));
    }

    @Test
    void nothingLeftIsNoEstimate() {
        Trial a = trial("a", 1);
        EtaEstimate eta = new EtaEstimate(List.of(a), 1, clock::get);
        eta.started(a);
        at(3);
        eta.epoch(a, 1);
        eta.finished(a);
        assertThat(eta.remaining()).isEmpty();
    }
}
