package io.cadencerules.engine;

import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

final class HistoryEntryTimes {

    private HistoryEntryTimes() {
    }

    static void assertResumedAt(Journey journey, Instant at) {
        assertThat(journey.entries(HistoryEntry.Kind.RESUMED)).extracting(HistoryEntry::at).containsExactly(at);
    }
}
