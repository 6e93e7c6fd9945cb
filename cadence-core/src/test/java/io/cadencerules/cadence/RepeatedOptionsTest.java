package io.cadencerules.cadence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RepeatedOptionsTest {

    @Test
    void a_cadence_option_set_twice_is_refused_with_both_values() {
        CadenceBuilder b = Cadence.collection("c").version(2).priority(5).horizon(60).sendAt(LocalTime.of(9, 0))
                .maxLateness(Duration.ofHours(6)).reEntry(ReEntry.never());
        assertThatIllegalStateException().isThrownBy(() -> b.version(3))
                .withMessage("cadence 'c' version was already set; cannot set it to 3");
        assertThatIllegalStateException().isThrownBy(() -> b.priority(1))
                .withMessage("cadence 'c' priority was already set; cannot set it to 1");
        assertThatIllegalStateException().isThrownBy(() -> b.horizon(90))
                .withMessage("cadence 'c' horizon was already set; cannot set it to 90");
        assertThatIllegalStateException().isThrownBy(() -> b.sendAt(LocalTime.of(10, 0)))
                .withMessage("cadence 'c' sendAt was already set; cannot set it to 10:00");
        assertThatIllegalStateException().isThrownBy(() -> b.maxLateness(Duration.ofHours(1)))
                .withMessage("cadence 'c' maxLateness was already set; cannot set it to PT1H");
        assertThatIllegalStateException().isThrownBy(() -> b.reEntry(ReEntry.immediately()))
                .withMessageStartingWith("cadence 'c' reEntry was already set");
    }

    @Test
    void max_attempts_set_twice_on_a_step_is_refused() {
        CadenceBuilder b = Cadence.collection("c").step("s").at(days(0)).sms("t").maxAttempts(3, Duration.ofMinutes(5));
        assertThatIllegalStateException().isThrownBy(() -> b.maxAttempts(2, Duration.ofMinutes(5)))
                .withMessage("step 's' max attempts were already set to 3");
    }
}
