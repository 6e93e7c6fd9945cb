package io.cadencerules.channels.agent;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AgentCapacityStageTest {

    private static final ZoneId SP = ZoneId.of("America/Sao_Paulo");
    private static final LocalDate DUE = LocalDate.of(2026, 3, 10);
    private static final Customer ANA = Customer.builder("c-1").phone("+5511987654321").zone(SP).build();
    private static final Debt DEBT = Debt.of("inv-9", Money.brl("500.00"), DUE);
    private static final Cadence AGENT_THEN_SMS = Cadence.collection("agent")
            .step("d10-agent").at(days(10), LocalTime.of(10, 0)).agentCall("collections").fallbackTo(Channel.SMS, "call-us")
            .build();

    private static Instant local(int day, int hour) {
        return DUE.plusDays(day).atTime(hour, 0).atZone(SP).toInstant();
    }

    @Test
    void a_full_queue_sends_the_step_to_its_fallback_when_so_configured() {
        CadenceHarness h = CadenceHarness.startingAt(local(0, 12))
                .configure(b -> b.policy(AgentCapacityStage.fallback(queue -> 0))).build();
        h.enroll(ANA, DEBT, AGENT_THEN_SMS);
        h.advance(Duration.ofDays(15));

        Journey j = h.journey(ANA, DEBT, AGENT_THEN_SMS);
        assertThat(j.history()).filteredOn(e -> "d10-agent".equals(e.stepId()))
                .extracting(HistoryEntry::kind, HistoryEntry::channel, HistoryEntry::reason, HistoryEntry::detail)
                .containsExactly(
                        tuple(HistoryEntry.Kind.SKIPPED, Channel.AGENT, "agent-queue-full", "agent queue 'collections' has no capacity"),
                        tuple(HistoryEntry.Kind.SENT, Channel.SMS, "accepted", "rec-1"));
        assertThat(h.channel(Channel.AGENT).sent()).isEmpty();
    }

    @Test
    void a_full_queue_defers_the_hand_off_until_there_is_capacity_when_so_configured() {
        AtomicBoolean free = new AtomicBoolean(false);
        CadenceHarness h = CadenceHarness.startingAt(local(0, 12))
                .configure(b -> b.policy(AgentCapacityStage.defer(queue -> free.get() ? 1 : 0, Duration.ofMinutes(15)))).build();
        h.enroll(ANA, DEBT, AGENT_THEN_SMS);
        h.advanceTo(local(10, 10).plus(Duration.ofMinutes(40)));
        free.set(true);
        h.advance(Duration.ofMinutes(30));

        Journey j = h.journey(ANA, DEBT, AGENT_THEN_SMS);
        assertThat(j.entries(HistoryEntry.Kind.DEFERRED)).extracting(HistoryEntry::reason).containsOnly("agent-queue-full").hasSize(3);
        assertThat(h.channel(Channel.AGENT).sent()).extracting(r -> r.requestedAt())
                .containsExactly(local(10, 10).plus(Duration.ofMinutes(45)));
        assertThat(h.channel(Channel.SMS).sent()).isEmpty();
    }

    @Test
    void a_batch_never_hands_off_more_than_the_queue_has_places_for() {
        CadenceHarness h = CadenceHarness.startingAt(local(0, 12))
                .configure(b -> b.policy(AgentCapacityStage.fallback(queue -> 2))).build();
        for (int i = 0; i < 5; i++) {
            h.enroll(Customer.builder("c-" + i).phone("+5511987654321").zone(SP).build(), DEBT, AGENT_THEN_SMS);
        }
        h.advance(Duration.ofDays(15));
        assertThat(h.channel(Channel.AGENT).sent()).hasSize(2);
        assertThat(h.channel(Channel.SMS).sent()).hasSize(3);
    }

    @Test
    void a_capacity_check_that_fails_is_a_recorded_refusal_not_an_engine_error() {
        CadenceHarness h = CadenceHarness.startingAt(local(0, 12))
                .configure(b -> b.policy(AgentCapacityStage.fallback(queue -> {
                    throw new IllegalStateException("ACD offline");
                }))).build();
        h.enroll(ANA, DEBT, AGENT_THEN_SMS);
        h.advance(Duration.ofDays(15));
        assertThat(h.journey(ANA, DEBT, AGENT_THEN_SMS).history()).filteredOn(e -> "d10-agent".equals(e.stepId()))
                .extracting(HistoryEntry::kind, HistoryEntry::detail)
                .containsExactly(
                        tuple(HistoryEntry.Kind.SKIPPED, "capacity of agent queue 'collections' could not be checked: ACD offline"),
                        tuple(HistoryEntry.Kind.SENT, "rec-1"));
    }
}
