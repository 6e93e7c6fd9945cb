package io.cadencerules.engine;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.event.Event;
import io.cadencerules.event.OptOut;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The engine's two hooks for shared limits and events: {@code DecisionStage.admit/settle} and {@link EventWatcher}. */
class AdmitAndWatchTest {

    private final Customer ana = Fixtures.ana();
    private final Cadence smsThenEmail = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late")
            .fallbackTo(Channel.EMAIL, "late-mail").build();

    /** Admits the first {@code limit} contacts and records every settlement. */
    private static final class Counting implements DecisionStage {
        final int limit;
        final List<String> settled = new ArrayList<>();
        int admitted;

        Counting(int limit) {
            this.limit = limit;
        }

        @Override
        public Verdict decide(StepContext candidate) {
            return Verdict.proceed();
        }

        @Override
        public Verdict admit(StepContext contact, Money estimate) {
            if (admitted >= limit) {
                return Verdict.skipRoute("cap", "limit " + limit);
            }
            admitted++;
            return Verdict.proceed();
        }

        @Override
        public void settle(StepContext contact, DispatchResult result) {
            settled.add(contact.action().channel() + " " + result.getClass().getSimpleName()
                    + (result instanceof DispatchResult.Rejected r ? " " + r.reason() : ""));
        }
    }

    @Test
    void a_contact_refused_at_admission_tries_the_fallback_and_the_earlier_stage_is_settled_as_not_sent() {
        Counting first = new Counting(10);
        Counting second = new Counting(0);
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.policy(first).budget(new DecisionStage() {
                    @Override
                    public Verdict decide(StepContext candidate) {
                        return Verdict.proceed();
                    }

                    @Override
                    public Verdict admit(StepContext contact, Money estimate) {
                        return contact.action().channel() == Channel.SMS ? Verdict.skipRoute("no-sms", "") : Verdict.proceed();
                    }
                })).build();
        h.enroll(ana, Fixtures.debt(), smsThenEmail);
        h.advance(Duration.ofDays(12));

        assertThat(h.sent()).extracting(r -> r.channel()).containsExactly(Channel.EMAIL);
        assertThat(first.settled).containsExactly("SMS Rejected not-sent: no-sms", "EMAIL Accepted");
        assertThat(h.journey(ana, Fixtures.debt(), smsThenEmail).history())
                .filteredOn(e -> e.kind() == Kind.SKIPPED).extracting(HistoryEntry::channel, HistoryEntry::reason)
                .containsExactly(tuple(Channel.SMS, "no-sms"));
        assertThat(second.settled).isEmpty();
    }

    @Test
    void the_adapters_cost_is_booked_when_it_reports_one() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        h.channel(Channel.SMS).answerNext(DispatchResult.accepted("p-1", Money.brl("0.16")));
        h.enroll(ana, Fixtures.debt(), smsThenEmail);
        h.advance(Duration.ofDays(12));
        Journey j = h.journey(ana, Fixtures.debt(), smsThenEmail);
        assertThat(j.history()).filteredOn(e -> e.kind() == Kind.SENT).extracting(HistoryEntry::cost)
                .containsExactly(Money.brl("0.16"));
    }

    /** Records opt-outs; a "cease" custom rule: ends every journey of the person on an opt-out from all channels. */
    private static final class Watcher implements EventWatcher {
        final List<String> seen = new ArrayList<>();

        @Override
        public boolean wants(Event event) {
            return event instanceof OptOut;
        }

        @Override
        public void observe(Event event, java.util.Optional<Customer> customer, Instant now) {
            seen.add(event.id());
        }

        @Override
        public Directive directive(Event event, Journey journey, Cadence cadence) {
            return event instanceof OptOut o && o.channel() == null
                    ? new Directive(Directive.Action.SUPPRESS, "opted-out", "all channels") : null;
        }
    }

    @Test
    void a_watched_event_for_a_customer_without_journeys_is_recorded_not_rejected() {
        Watcher watcher = new Watcher();
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.watcher(watcher)).build();
        EventReceipt receipt = h.deliver(new OptOut("o-1", h.now(), "nobody", null, Channel.SMS));
        assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.APPLIED);
        assertThat(receipt.journeys()).isEmpty();
        assertThat(watcher.seen).containsExactly("o-1");
        assertThat(h.deliver(new OptOut("o-1", h.now(), "nobody", null, Channel.SMS)).outcome())
                .isEqualTo(EventReceipt.Outcome.DUPLICATE);
        assertThat(watcher.seen).containsExactly("o-1");
    }

    @Test
    void a_directive_reaches_the_persons_journeys_about_other_subjects_too() {
        Watcher watcher = new Watcher();
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.watcher(watcher)).build();
        Debt other = Debt.of("inv-2", Money.brl("80.00"), LocalDate.of(2026, 3, 20));
        h.enroll(ana, Fixtures.debt(), smsThenEmail);
        h.enroll(ana, other, smsThenEmail);
        h.deliver(new OptOut("o-2", h.now(), ana.id(), Fixtures.debt().key(), null));

        assertThat(h.journey(ana, Fixtures.debt(), smsThenEmail).status()).isEqualTo(JourneyStatus.SUPPRESSED);
        assertThat(h.journey(ana, other, smsThenEmail).status()).isEqualTo(JourneyStatus.SUPPRESSED);
        assertThat(h.journey(ana, other, smsThenEmail).history()).last()
                .extracting(HistoryEntry::reason).isEqualTo("opted-out");
        h.advance(Duration.ofDays(30));
        assertThat(h.sent()).isEmpty();
    }

    @Test
    void an_event_that_no_watcher_wants_is_still_rejected_for_an_unknown_customer() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.watcher(new Watcher())).build();
        EventReceipt receipt = h.deliver(h.events().paid("nobody", "inv-1", Money.brl("10.00")));
        assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.REJECTED);
        assertThat(receipt.reason()).isEqualTo("unknown-journey");
    }
}
