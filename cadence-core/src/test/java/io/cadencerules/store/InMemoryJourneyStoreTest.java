package io.cadencerules.store;

import io.cadencerules.testkit.JourneyStoreContract;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryJourneyStoreTest extends JourneyStoreContract {

    @Override
    protected JourneyStore newStore() {
        return new InMemoryJourneyStore();
    }

    @Test
    void event_ids_older_than_the_retention_window_are_forgotten() {
        InMemoryJourneyStore store = new InMemoryJourneyStore(Duration.ofDays(1), 10);
        assertThat(store.markEventSeen("old", T0)).isTrue();
        assertThat(store.markEventSeen("new", T0.plus(Duration.ofDays(2)))).isTrue();
        assertThat(store.markEventSeen("old", T0.plus(Duration.ofDays(2)))).as("forgotten after a day").isTrue();
        assertThat(store.markEventSeen("new", T0.plus(Duration.ofDays(2)))).isFalse();
    }

    @Test
    void only_the_latest_rejections_are_kept() {
        InMemoryJourneyStore store = new InMemoryJourneyStore(Duration.ofDays(1), 2);
        for (int i = 0; i < 5; i++) {
            store.recordRejection(new io.cadencerules.event.Rejection(T0, "e" + i, "malformed", "", ""));
        }
        assertThat(store.rejections(10)).extracting(io.cadencerules.event.Rejection::eventId).containsExactly("e3", "e4");
    }

    @Test
    void bad_settings_are_refused_with_the_value() {
        assertThatThrownBy(() -> new InMemoryJourneyStore(Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("event retention must be positive, but was PT0S");
        assertThatThrownBy(() -> new InMemoryJourneyStore(Duration.ofDays(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("max rejections must be at least 1, but was 0");
    }
}
