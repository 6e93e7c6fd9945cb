package io.cadencerules.examples;

import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuickStartTest {

    @Test
    void the_readme_quick_start_converts_after_three_contacts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Journey journey = QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(journey.status()).isEqualTo(JourneyStatus.CONVERTED);
        assertThat(journey.stoppedAt()).contains("d2-voice");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "2026-03-07T13:00:00Z  EMAIL       d-3-email  to ana@example.com",
                "2026-03-10T12:00:00Z  SMS         d0-sms     to +5511987654321",
                "2026-03-12T12:00:00Z  VOICE_BLAST d2-voice   to +5511987654321");
    }
}
