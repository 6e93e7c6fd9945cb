package io.cadencerules.simulation;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PopulationTest {

    private static final Instant START = Simulation.DEFAULT_START;

    @Test
    void a_person_depends_only_on_the_seed_and_the_index() {
        Population people = Population.builder().segment("premium", 0.2).whatsapp(0.5).build();
        assertThat(people.person(123, 9, START)).isEqualTo(people.person(123, 9, START));
        assertThat(people.person(123, 9, START)).isNotEqualTo(people.person(123, 10, START));
        assertThat(people.person(7, 9, START).id()).isEqualTo("c-0000008");
    }

    @Test
    void shares_of_segments_invalid_addresses_and_consents_come_out_near_what_was_asked() {
        Population people = Population.builder().segment("premium", 0.2).invalidPhones(0.1).invalidEmails(0.05)
                .consent(Channel.WHATSAPP, Purpose.MARKETING, 0.4).build();
        int n = 20_000;
        var all = IntStream.range(0, n).mapToObj(i -> people.person(i, 1, START)).toList();
        assertThat(all.stream().filter(p -> p.customer().inSegment("premium")).count()).isBetween(3_700L, 4_300L);
        assertThat(all.stream().filter(p -> !p.phoneValid()).count()).isBetween(1_800L, 2_200L);
        assertThat(all.stream().filter(p -> !p.emailValid()).count()).isBetween(850L, 1_150L);
        assertThat(all.stream().filter(p -> p.customer().consent(Channel.WHATSAPP, Purpose.MARKETING).isPresent()).count())
                .isBetween(7_600L, 8_400L);
        // an invalid phone keeps the E.164 form (enrolment accepts it) but has the unassigned area code 20
        assertThat(all.stream().filter(p -> !p.phoneValid()).map(p -> p.customer().first(ContactPoint.Type.PHONE).orElseThrow().value()))
                .allMatch(phone -> phone.startsWith("+5520"));
        assertThat(all.stream().filter(p -> !p.emailValid()).map(p -> p.customer().first(ContactPoint.Type.EMAIL).orElseThrow().value()))
                .allMatch(mail -> !mail.substring(mail.indexOf('@')).contains("."));
    }

    @Test
    void debts_fall_due_within_the_spread_and_leads_carry_a_product() {
        Population debts = Population.builder().subjects(Population.debts(Money.brl("100"), Money.brl("1000"), 5)).build();
        for (int i = 0; i < 500; i++) {
            Debt debt = (Debt) debts.person(i, 3, START).subject();
            assertThat(debt.amount().amount()).isBetween(new java.math.BigDecimal("100"), new java.math.BigDecimal("1000"));
            assertThat(debt.due()).isBetween(java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 3, 6));
        }
        Population leads = Population.builder().subjects(Population.leads(Money.brl("50"), Money.brl("500"), "phone", "plan")).build();
        assertThat(((Lead) leads.person(0, 3, START).subject()).product()).isIn("phone", "plan");
    }

    @Test
    void bad_settings_are_refused_with_what_and_the_value() {
        assertThatThrownBy(() -> Population.builder().invalidPhones(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid phone share must be within 0–1, but was 1.5");
        assertThatThrownBy(() -> Population.debts(Money.brl("10"), Money.brl("5"), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("debt values must satisfy 0 < min <= max, but were BRL 10 and BRL 5");
        assertThatThrownBy(() -> Population.builder().build().person(-1, 1, START)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("person index must not be negative, but was -1");
    }
}
