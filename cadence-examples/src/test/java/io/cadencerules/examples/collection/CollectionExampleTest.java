package io.cadencerules.examples.collection;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.Reasons;
import io.cadencerules.policy.Budget;
import io.cadencerules.policy.PolicyReasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.OUTBOUND_IVR;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.VOICE_BLAST;
import static io.cadencerules.examples.ExampleFacts.MANAUS;
import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.examples.ExampleFacts.entries;
import static io.cadencerules.examples.ExampleFacts.local;
import static io.cadencerules.examples.ExampleFacts.localTimes;
import static io.cadencerules.journey.JourneyStatus.CONVERTED;
import static io.cadencerules.journey.JourneyStatus.PAUSED;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static io.cadencerules.testkit.CadenceDay.day;
import static org.assertj.core.api.Assertions.assertThat;

/** The bill-collection régua through the engine with its rules, the contact policy and the 3% spend cap. */
class CollectionExampleTest {

    /** A Wednesday: D-5 is a Friday, D+3 a Saturday morning, D+5 a Monday, no holidays on the way. */
    private static final LocalDate DUE = LocalDate.of(2026, 3, 18);
    private static final Cadence REGUA = CollectionExample.billCollection();

    private final Customer ana = CollectionExample.sampleCustomer("ana", "+5511987654321", "SP");
    private Budget budget;
    private CadenceHarness h;

    @BeforeEach
    void harness() {
        budget = CollectionExample.budget();
        h = CadenceHarness.startingAt(LocalDateTime.of(2026, 3, 10, 9, 0), SAO_PAULO)
                .configure(b -> CollectionExample.configure(b, budget)).build();
    }

    private static LocalDateTime dueDay(int offset, int hour, int minute) {
        return DUE.plusDays(offset).atTime(hour, minute);
    }

    private void advanceTo(int offset, int hour, int minute) {
        h.advanceTo(dueDay(offset, hour, minute), SAO_PAULO);
    }

    private Journey journey(Customer customer, Debt debt) {
        return h.journey(customer, debt, REGUA);
    }

    @Test
    void sends_the_prevention_email_five_days_before_the_due_date_at_ten_in_the_customers_local_time() {
        Customer bruno = CollectionExample.sampleCustomer("bruno", "+5592991234567", "AM");
        Debt anaBill = CollectionExample.sampleDebt("inv-1", "500.00", DUE);
        Debt brunoBill = CollectionExample.sampleDebt("inv-2", "500.00", DUE);
        h.enroll(ana, anaBill, REGUA);
        h.enroll(bruno, brunoBill, REGUA);

        advanceTo(-5, 23, 0);

        assertThat(journey(ana, anaBill)).wasContactedVia(EMAIL).on(day(-5)).at(LocalTime.of(10, 0));
        assertThat(journey(bruno, brunoBill)).wasContactedVia(EMAIL).on(day(-5)).at(LocalTime.of(10, 0));
        assertThat(localTimes(h.channel(EMAIL).sentTo("bruno"), SAO_PAULO))
                .as("10:00 in Manaus is 11:00 in São Paulo").containsExactly(dueDay(-5, 11, 0));
        assertThat(journey(bruno, brunoBill).zone()).isEqualTo(MANAUS);
    }

    @Test
    void a_customer_who_never_answers_goes_through_the_soft_path_and_gets_no_agent_call() {
        Debt bill = CollectionExample.sampleDebt("inv-1", "500.00", DUE);
        h.enroll(ana, bill, REGUA);

        advanceTo(30, 12, 0);

        assertThat(journey(ana, bill))
                .sentSteps("d-5-email", "d-1-sms", "d+1-sms", "d+3-voice", "d+5-ivr")
                .hasEntry(Kind.SKIPPED, "d+10-agent", Reasons.CONDITION_NOT_MET)
                .wasContactedVia(VOICE_BLAST).on(day(3)).at(LocalTime.of(10, 0));
        assertThat(h.channel(SMS).sentTo("ana")).extracting(ContactRequest::templateId)
                .containsExactly("due-tomorrow", "overdue-notice-friendly");
        assertThat(journey(ana, bill).segments()).contains("path:soft").doesNotContain(CollectionExample.HIGH_BALANCE);
    }

    @Test
    void only_a_high_balance_debt_gets_the_agent_call_on_d_plus_10() {
        Customer carla = CollectionExample.sampleCustomer("carla", "+5511976543210", "SP");
        Debt small = CollectionExample.sampleDebt("inv-1", "500.00", DUE);
        Debt large = CollectionExample.sampleDebt("inv-2", "1500.00", DUE);
        h.enroll(ana, small, REGUA);
        h.enroll(carla, large, REGUA);

        advanceTo(30, 12, 0);

        assertThat(journey(carla, large)).wasContactedVia(AGENT).on(day(10)).at(LocalTime.of(10, 0))
                .thenStoppedAt("d+10-agent");
        assertThat(h.channel(AGENT).sentTo("carla")).extracting(ContactRequest::queue)
                .containsExactly(CollectionExample.COLLECTIONS_QUEUE);
        assertThat(h.channel(SMS).sentTo("carla")).extracting(ContactRequest::templateId)
                .as("the hard path keeps the standard overdue notice").containsExactly("due-tomorrow", "overdue-notice");
        assertThat(journey(ana, small)).wasNotContactedVia(AGENT);
    }

    @Test
    void pressing_1_in_the_ivr_hands_off_to_the_negotiation_queue_and_replaces_the_planned_agent_call() {
        Debt large = CollectionExample.sampleDebt("inv-1", "1500.00", DUE);
        h.enroll(ana, large, REGUA);
        advanceTo(5, 10, 1);
        assertThat(h.channel(OUTBOUND_IVR).sentTo("ana")).singleElement()
                .satisfies(call -> assertThat(call.keyMenu()).containsKeys('1', '2'));

        h.deliver(h.events().pressed("ana", "inv-1", '1'));
        advanceTo(30, 12, 0);

        assertThat(h.channel(AGENT).sentTo("ana")).singleElement().satisfies(handOff -> {
            assertThat(handOff.queue()).isEqualTo(CollectionExample.NEGOTIATION_QUEUE);
            assertThat(handOff.stepId()).isEqualTo("d+5-ivr");
            assertThat(LocalDateTime.ofInstant(handOff.requestedAt(), SAO_PAULO))
                    .as("at once: the person asked for it in the call, so the calls-five-minutes-apart cap does not hold it back")
                    .isEqualTo(dueDay(5, 10, 1));
        });
        assertThat(journey(ana, large).history()).noneMatch(e -> e.kind() == Kind.DEFERRED);
        assertThat(journey(ana, large)).hasEntry(Kind.SENT, "d+5-ivr", Reasons.BRANCH)
                .hasEntry(Kind.SKIPPED, "d+10-agent", "already-with-an-agent");
    }

    @Test
    void pressing_2_in_the_ivr_sends_the_pix_code_by_sms() {
        Debt bill = CollectionExample.sampleDebt("inv-1", "500.00", DUE);
        h.enroll(ana, bill, REGUA);
        advanceTo(5, 10, 1);

        h.deliver(h.events().pressed("ana", "inv-1", '2'));
        advanceTo(5, 12, 0);

        assertThat(h.channel(SMS).sentTo("ana")).last().satisfies(sms -> {
            assertThat(sms.stepId()).isEqualTo("pix-code");
            assertThat(sms.templateId()).isEqualTo("pix-code");
        });
        assertThat(h.channel(AGENT).sent()).isEmpty();
    }

    @Test
    void the_spend_cap_of_three_percent_skips_the_agent_hand_off_of_a_debt_too_small_to_pay_for_it() {
        Customer carla = CollectionExample.sampleCustomer("carla", "+5511976543210", "SP");
        Debt r300 = CollectionExample.sampleDebt("inv-1", "300.00", DUE);   // cap R$ 9.00: an agent costs R$ 12.00
        Debt r500 = CollectionExample.sampleDebt("inv-2", "500.00", DUE);   // cap R$ 15.00
        h.enroll(ana, r300, REGUA);
        h.enroll(carla, r500, REGUA);
        advanceTo(5, 10, 1);

        h.deliver(h.events().pressed("ana", "inv-1", '1'));
        h.deliver(h.events().pressed("carla", "inv-2", '1'));
        advanceTo(30, 12, 0);

        assertThat(h.channel(AGENT).sent()).extracting(r -> r.customer().id()).containsExactly("carla");
        assertThat(entries(journey(ana, r300), Kind.SKIPPED, "d+5-ivr")).singleElement().satisfies(skipped -> {
            assertThat(skipped.reason()).isEqualTo(Budget.EXHAUSTED);
            assertThat(skipped.detail()).contains("3% of BRL 300.00").contains("this contact BRL 12.00");
        });
        assertThat(budget.ledger().spentByAccount("ana", "inv-1").amount()).isLessThanOrEqualTo(new BigDecimal("9.00"));
        assertThat(budget.ledger().spentByAccount("carla", "inv-2").amount()).isGreaterThan(new BigDecimal("12.00")).isLessThanOrEqualTo(new BigDecimal("15.00"));
    }

    @Test
    void a_small_balance_gets_no_voice_blast() {
        Debt tiny = CollectionExample.sampleDebt("inv-1", "80.00", DUE);
        h.enroll(ana, tiny, REGUA);

        advanceTo(30, 12, 0);

        assertThat(journey(ana, tiny)).wasNotContactedVia(VOICE_BLAST)
                .hasEntry(Kind.SKIPPED, "d+3-voice", "small-balance")
                .sentSteps("d-5-email", "d-1-sms", "d+1-sms", "d+5-ivr");
    }

    @Test
    void a_payment_stops_every_contact() {
        Debt large = CollectionExample.sampleDebt("inv-1", "1500.00", DUE);
        h.enroll(ana, large, REGUA);
        advanceTo(2, 15, 0);

        h.deliver(h.events().paid("ana", "inv-1", Money.brl("1500.00")));
        advanceTo(30, 12, 0);

        assertThat(journey(ana, large)).hasStatus(CONVERTED).thenStoppedAt("d+1-sms")
                .hasNoContactAfter(local(dueDay(2, 15, 0), SAO_PAULO));
        assertThat(h.sentTo("ana")).hasSize(3);
    }

    @Test
    void a_promise_pauses_until_its_date_and_a_broken_promise_resumes_the_regua_delayed() {
        Debt bill = CollectionExample.sampleDebt("inv-1", "500.00", DUE);
        h.enroll(ana, bill, REGUA);
        advanceTo(2, 15, 0);

        h.deliver(h.events().promised("ana", "inv-1", Money.brl("500.00"), DUE.plusDays(6)));
        advanceTo(6, 23, 0);
        assertThat(journey(ana, bill)).hasStatus(PAUSED);
        assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId).containsExactly("d-5-email", "d-1-sms", "d+1-sms");

        advanceTo(30, 12, 0);

        assertThat(journey(ana, bill)).hasEntry(Kind.PAUSED, null, Reasons.PROMISE_TO_PAY)
                .hasEntry(Kind.RESUMED, null, Reasons.PROMISE_BROKEN);
        assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).as("voice and IVR four days late, after the promised date")
                .containsExactly(dueDay(-5, 10, 0), dueDay(-1, 10, 0), dueDay(1, 10, 0), dueDay(7, 10, 0), dueDay(9, 10, 0));
    }

    @Test
    void a_promise_kept_converts_the_journey_while_it_is_paused() {
        Debt bill = CollectionExample.sampleDebt("inv-1", "500.00", DUE);
        h.enroll(ana, bill, REGUA);
        advanceTo(2, 15, 0);
        h.deliver(h.events().promised("ana", "inv-1", Money.brl("500.00"), DUE.plusDays(6)));
        advanceTo(5, 16, 0);

        h.deliver(h.events().paid("ana", "inv-1", Money.brl("500.00")));
        advanceTo(30, 12, 0);

        assertThat(journey(ana, bill)).hasStatus(CONVERTED).thenStoppedAt("d+1-sms");
        assertThat(h.sentTo("ana")).hasSize(3);
    }

    @Test
    void a_pix_request_from_the_website_sends_the_pix_code_at_once() {
        Debt bill = CollectionExample.sampleDebt("inv-1", "500.00", DUE);
        h.enroll(ana, bill, REGUA);
        advanceTo(2, 15, 0);

        h.deliver(new CustomEvent("web-1", h.now(), "ana", "inv-1", CollectionExample.PIX_REQUESTED, null));
        h.advance(Duration.ofMinutes(1));

        assertThat(h.channel(SMS).sentTo("ana")).last().extracting(ContactRequest::stepId).isEqualTo("pix-code");
    }
}
