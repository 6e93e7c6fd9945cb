package io.cadencerules.engine;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static io.cadencerules.Fixtures.local;
import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ArbitrationTest {

    private final Customer ana = Fixtures.ana();
    private final Lead cart = new Lead("cart-7", Money.brl("199.90"), "headset");

    private final Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late")
            .step("d2").at(days(2), LocalTime.of(10, 0)).email("late-2").build();

    private CadenceHarness harness() {
        return CadenceHarness.startingAt(Fixtures.START).configure(b -> b.arbitration(Duration.ofHours(4))).build();
    }

    /** A sales cadence whose day 0 is the same day as the collection cadence's D+1. */
    private Cadence sales(int priority) {
        return Cadence.sales("offer").priority(priority)
                .step("s0").at(days(10), LocalTime.of(10, 0)).sms("offer")
                .step("s1").at(days(11), LocalTime.of(10, 0)).email("offer-2").build();
    }

    @Test
    void collection_outranks_sales_and_the_sales_contact_waits_for_the_window() {
        CadenceHarness h = harness();
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, cart, sales(0));
        h.advance(Duration.ofDays(15));

        List<ContactRequest> sent = h.sentTo("c-1");
        assertThat(sent).extracting(r -> r.journeyId().cadenceId(), ContactRequest::stepId, ContactRequest::requestedAt)
                .containsExactly(
                        tuple("late", "d1", local(1, 10, 0)), tuple("offer", "s0", local(1, 14, 0)),
                        tuple("late", "d2", local(2, 10, 0)), tuple("offer", "s1", local(2, 14, 0)));
        assertThat(h.journey(ana, cart, sales(0)).history()).filteredOn(e -> e.kind() == Kind.DEFERRED)
                .extracting(HistoryEntry::stepId, HistoryEntry::reason)
                .containsExactly(tuple("s0", "arbitration"), tuple("s1", "arbitration"));
        assertNoTwoContactsWithin(sent, Duration.ofHours(4));
    }

    @Test
    void a_higher_priority_sales_cadence_goes_first() {
        CadenceHarness h = harness();
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, cart, sales(10));
        h.advance(Duration.ofDays(15));
        assertThat(h.sentTo("c-1")).extracting(r -> r.journeyId().cadenceId(), ContactRequest::requestedAt)
                .startsWith(tuple("offer", local(1, 10, 0)), tuple("late", local(1, 14, 0)));
    }

    @Test
    void without_arbitration_both_go_out_at_once() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, cart, sales(0));
        h.advance(Duration.ofDays(15));
        assertThat(h.sentTo("c-1")).extracting(ContactRequest::requestedAt)
                .containsExactly(local(1, 10, 0), local(1, 10, 0), local(2, 10, 0), local(2, 10, 0));
    }

    private static void assertNoTwoContactsWithin(List<ContactRequest> sent, Duration window) {
        for (int i = 1; i < sent.size(); i++) {
            Instant previous = sent.get(i - 1).requestedAt();
            assertThat(Duration.between(previous, sent.get(i).requestedAt())).isGreaterThanOrEqualTo(window);
        }
    }
}
