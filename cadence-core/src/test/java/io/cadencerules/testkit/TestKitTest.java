package io.cadencerules.testkit;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static io.cadencerules.testkit.CadenceDay.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestKitTest {

    private final Cadence cardLate = Fixtures.cardLate();

    private Journey runUntilD1() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        h.enroll(Fixtures.ana(), Fixtures.debt(), cardLate);
        h.advanceTo(Fixtures.local(1, 12, 0));
        return h.journey(Fixtures.ana(), Fixtures.debt(), cardLate);
    }

    @Test
    void a_failing_status_assertion_shows_the_history() {
        Journey j = runUntilD1();
        assertThatThrownBy(() -> assertThat(j).hasStatus(JourneyStatus.CONVERTED))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected journey c-1/inv-9/card-late#1 to be CONVERTED but was ACTIVE")
                .hasMessageContaining("SENT d0-sms via SMS");
    }

    @Test
    void on_and_at_narrow_the_selected_contacts() {
        Journey j = runUntilD1();
        assertThat(j).wasContactedVia(Channel.SMS).on(day(0)).at(LocalTime.of(9, 0));
        assertThatThrownBy(() -> assertThat(j).wasContactedVia(Channel.SMS).on(day(1)))
                .hasMessageContaining("expected contacts via SMS on D+1 (2026-03-11) of journey c-1/inv-9/card-late#1, but there were none");
        assertThatThrownBy(() -> assertThat(j).wasContactedVia(Channel.EMAIL).at(LocalTime.of(9, 0)))
                .hasMessageContaining("contacts via EMAIL at 09:00");
        assertThatThrownBy(() -> assertThat(j).wasContactedVia(Channel.AGENT))
                .hasMessageContaining("to have been contacted via AGENT, but it was not");
        assertThatThrownBy(() -> assertThat(j).on(day(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("on(...) narrows a selection: call wasContactedVia(channel) first");
    }

    @Test
    void stopped_at_and_sent_steps_report_what_happened() {
        Journey j = runUntilD1();
        assertThat(j).stoppedAt("d0-sms").sentSteps("d-3-email", "d0-sms");
        assertThatThrownBy(() -> assertThat(j).thenStoppedAt("d2-voice"))
                .hasMessageContaining("to have stopped at 'd2-voice' but it stopped at 'd0-sms'");
        assertThatThrownBy(() -> assertThat(j).sentSteps("d0-sms"))
                .hasMessageContaining("to have sent [d0-sms] but it sent [d-3-email, d0-sms]");
    }

    @Test
    void advance_fires_each_step_at_its_exact_due_time_even_in_one_long_jump() {
        Cadence hourly = Cadence.relationship("hourly")
                .step("a").after(Duration.ofMinutes(90)).sms("a")
                .step("b").after(Duration.ofMinutes(45)).sms("b")
                .step("c").at(days(1), LocalTime.of(8, 30)).sms("c")
                .build();
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        h.enroll(Fixtures.ana(), Fixtures.debt(), hourly);
        h.advance(Duration.ofDays(3));
        assertThat(h.channel(Channel.SMS).sent()).extracting(r -> r.requestedAt()).containsExactly(
                Fixtures.START.plus(Duration.ofMinutes(90)),
                Fixtures.START.plus(Duration.ofMinutes(135)),
                Instant.parse("2026-03-02T11:30:00Z"));
        assertThat(h.now()).isEqualTo(Fixtures.START.plus(Duration.ofDays(3)));
    }

    @Test
    void the_virtual_clock_only_moves_forward() {
        VirtualClock clock = new VirtualClock(Fixtures.START);
        clock.advance(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(Fixtures.START.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> clock.set(Fixtures.START))
                .hasMessage("a virtual clock only moves forward: 2026-03-01T12:00:00Z is before 2026-03-01T13:00:00Z");
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .hasMessage("a virtual clock only moves forward, but was asked to move PT-1S");
        assertThat(clock.withZone(Fixtures.SAO_PAULO).instant()).isEqualTo(clock.instant());
    }
}
