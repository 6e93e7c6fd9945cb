package io.cadencerules.policy;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.StepContext;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.policy.LearnedResponseModel.Counts;
import io.cadencerules.policy.ResponseTable.Rate;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearnedResponseModelTest {

    private final Customer ana = Fixtures.ana();
    private final Cadence smsThenEmail = Cadence.collection("late")
            .step("d1").at(days(1), LocalTime.of(10, 0)).sms("late-1")
            .step("d3").at(days(3), LocalTime.of(10, 0)).email("late-3")
            .exitOn(PAYMENT_RECEIVED).build();
    private final ResponseTable prior = ResponseTable.of("prior", Rate.of(Channel.SMS, 0.10), Rate.of(Channel.EMAIL, 0.01));

    private StepContext contact(Journey journey) {
        return new StepContext(journey, smsThenEmail, smsThenEmail.steps().get(0), smsThenEmail.steps().get(0).action(),
                ana.first(ContactPoint.Type.PHONE), ana, 1, false, Fixtures.START);
    }

    private static HistoryEntry sent(Channel channel) {
        return new HistoryEntry(Fixtures.START, Kind.SENT, "d1", channel, 1, "accepted", "", null);
    }

    private static HistoryEntry converted() {
        return new HistoryEntry(Fixtures.START, Kind.CONVERTED, null, null, 0, "goal-reached", "", null);
    }

    @Test
    void without_evidence_it_is_the_prior() {
        LearnedResponseModel model = new LearnedResponseModel(prior, 10);
        Journey journey = CadenceHarness.startingAt(Fixtures.START).build().enroll(ana, Fixtures.debt(), smsThenEmail);
        assertThat(model.probability(contact(journey), Channel.SMS)).isEqualTo(0.10);
        assertThat(model.counts("late", Channel.SMS)).isEqualTo(new Counts(0, 0));
    }

    @Test
    void it_moves_toward_the_observed_rate_as_sends_and_conversions_are_counted() {
        LearnedResponseModel model = new LearnedResponseModel(prior, 10);
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Journey journey = h.enroll(ana, Fixtures.debt(), smsThenEmail);
        for (int i = 0; i < 90; i++) {
            model.onEntry(journey, sent(Channel.SMS));
        }
        assertThat(model.probability(contact(journey), Channel.SMS)).as("(0 + 10 × 0.10) / (90 + 10)").isCloseTo(0.01, within(1e-12));

        Journey convertedAfterSms = journey.edit().record(sent(Channel.SMS)).record(converted()).build();
        for (int i = 0; i < 30; i++) {
            model.onEntry(convertedAfterSms, converted());
        }
        assertThat(model.counts("late", Channel.SMS)).isEqualTo(new Counts(90, 30));
        assertThat(model.probability(contact(journey), Channel.SMS)).as("(30 + 1) / 100").isCloseTo(0.31, within(1e-12));
        assertThat(model.probability(contact(journey), Channel.EMAIL)).as("no e-mail evidence").isEqualTo(0.01);
        assertThat(model.counts("other", Channel.SMS)).as("counted per cadence").isEqualTo(new Counts(0, 0));
    }

    @Test
    void as_a_listener_it_credits_a_conversion_to_the_last_contacts_channel() {
        LearnedResponseModel model = new LearnedResponseModel(prior, 10);
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.listener(model)).build();
        Customer bob = Fixtures.customer("c-2", Fixtures.SAO_PAULO);
        h.enroll(ana, Fixtures.debt(), smsThenEmail);
        h.enroll(bob, Fixtures.debt(), smsThenEmail);
        h.advanceTo(Fixtures.local(2, 12, 0));
        h.deliver(h.events().paid("c-1", "inv-9", Money.brl("500.00")));
        h.advance(Duration.ofDays(20));

        assertThat(model.counts("late", Channel.SMS)).isEqualTo(new Counts(2, 1));
        assertThat(model.counts("late", Channel.EMAIL)).isEqualTo(new Counts(1, 0));

        LearnedResponseModel fromStore = new LearnedResponseModel(prior, 10);
        fromStore.learnFrom(h.journey(ana, Fixtures.debt(), smsThenEmail));
        fromStore.learnFrom(h.journey(bob, Fixtures.debt(), smsThenEmail));
        assertThat(fromStore.counts("late", Channel.SMS)).isEqualTo(new Counts(2, 1));
        assertThat(fromStore.counts("late", Channel.EMAIL)).isEqualTo(new Counts(1, 0));
    }

    @Test
    void concurrent_listeners_count_every_entry() throws Exception {
        LearnedResponseModel model = new LearnedResponseModel(prior, 10);
        Journey journey = CadenceHarness.startingAt(Fixtures.START).build().enroll(ana, Fixtures.debt(), smsThenEmail);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        model.onEntry(journey, sent(Channel.SMS));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(model.counts("late", Channel.SMS)).isEqualTo(new Counts(4000, 0));
    }

    @Test
    void a_prior_weight_must_be_positive() {
        assertThatThrownBy(() -> new LearnedResponseModel(prior, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learned response model prior weight must be positive, but was 0.0");
        assertThatThrownBy(() -> new LearnedResponseModel(prior, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }
}
