package io.cadencerules.channels.policy;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channels.address.BrazilZoneResolver;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.policy.Locality;
import io.cadencerules.policy.PolicyReasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Must-show 2: a phone from Amazonas (DDD 92, UTC−4) and an address in São Paulo (UTC−3): only the common hours. */
class IntersectedWindowTest {

    private static final ZoneId SP = ZoneId.of("America/Sao_Paulo");
    private static final ZoneId MANAUS = ZoneId.of("America/Manaus");
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final Debt DEBT = Debt.of("inv-1", Money.brl("500.00"), LocalDate.of(2026, 3, 10));

    private final Customer joao = Customer.builder("c-92").phone("+5592991234567").email("joao@example.com").addressState("SP").build();
    private final BrazilZoneResolver places = BrazilZoneResolver.standard();

    @Test
    void the_address_and_the_ddd_are_both_candidate_places() {
        assertThat(places.localities(joao)).extracting(Locality::country, Locality::region, Locality::zone, Locality::source)
                .containsExactly(tuple("BR", "SP", SP, "address BR-SP"), tuple("BR", "AM", MANAUS, "DDD 92"));
    }

    @Test
    void a_call_at_eight_in_sao_paulo_waits_until_eight_in_manaus_and_saturday_ends_at_two_in_sao_paulo() {
        // D+1 is Wednesday 11 Mar; D+4 is Saturday 14 Mar
        Cadence c = Cadence.collection("late")
                .step("wed-8").at(days(1), LocalTime.of(8, 0)).voiceBlast("v")
                .step("wed-1930").at(days(2), LocalTime.of(19, 30)).sms("s")
                .step("sat-1330").at(days(4), LocalTime.of(13, 30)).email("e").build();
        CadenceHarness h = CadenceHarness.startingAt(START)
                .configure(b -> b.zones(places).policy(ContactPolicy.builder().localities(places).build())).build();
        h.enroll(joao, DEBT, c);
        h.advance(Duration.ofDays(20));

        // journey times are in São Paulo time (the address wins for scheduling)
        assertThat(h.sent()).extracting(ContactRequest::stepId, r -> r.requestedAt().atZone(SP).toLocalDateTime().toString())
                .containsExactly(
                        tuple("wed-8", "2026-03-11T09:00"),      // 08:00 in Manaus
                        tuple("wed-1930", "2026-03-12T19:30"),   // 18:30 in Manaus, inside both
                        tuple("sat-1330", "2026-03-14T13:30"));  // 12:30 in Manaus, inside both Saturday windows
        HistoryEntry deferred = h.journey(joao, DEBT, c).history().stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.DEFERRED).findFirst().orElseThrow();
        assertThat(deferred.reason()).isEqualTo(PolicyReasons.OUTSIDE_WINDOW);
        assertThat(deferred.detail()).contains("America/Manaus (DDD 92)").contains("until 2026-03-11T12:00:00Z");
    }

    @Test
    void a_saturday_contact_after_two_in_sao_paulo_goes_to_monday_at_the_common_opening() {
        Cadence c = Cadence.collection("late").step("sat-1330").at(days(4), LocalTime.of(13, 30)).voiceBlast("v").build();
        CadenceHarness h = CadenceHarness.startingAt(START)
                .configure(b -> b.zones(places).policy(ContactPolicy.builder().localities(places).build())).build();
        h.enroll(joao, DEBT, c);
        h.advance(Duration.ofDays(20));
        assertThat(h.sent()).extracting(r -> r.requestedAt().atZone(SP).toLocalDateTime().toString())
                .containsExactly("2026-03-14T13:30");

        Cadence late = Cadence.collection("late-2").step("sat-14").at(days(4), LocalTime.of(14, 0)).voiceBlast("v").build();
        CadenceHarness h2 = CadenceHarness.startingAt(START)
                .configure(b -> b.zones(places).policy(ContactPolicy.builder().localities(places).build())).build();
        h2.enroll(joao, DEBT, late);
        h2.advance(Duration.ofDays(20));
        // Saturday 14:00 in São Paulo is closed there; Monday 16 Mar opens at 08:00 in Manaus = 09:00 in São Paulo
        assertThat(h2.sent()).extracting(r -> r.requestedAt().atZone(SP).toLocalDateTime().toString())
                .containsExactly("2026-03-16T09:00");
    }
}
