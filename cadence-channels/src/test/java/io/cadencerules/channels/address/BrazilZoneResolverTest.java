package io.cadencerules.channels.address;

import io.cadencerules.customer.Customer;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static io.cadencerules.channels.address.ZoneCandidate.Source.ADDRESS_STATE;
import static io.cadencerules.channels.address.ZoneCandidate.Source.DEFAULT;
import static io.cadencerules.channels.address.ZoneCandidate.Source.EXPLICIT;
import static io.cadencerules.channels.address.ZoneCandidate.Source.PHONE_DDD;
import static org.assertj.core.api.Assertions.assertThat;

class BrazilZoneResolverTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final ZoneId MANAUS = ZoneId.of("America/Manaus");
    private static final ZoneId EIRUNEPE = ZoneId.of("America/Eirunepe");
    private static final ZoneId CUIABA = ZoneId.of("America/Cuiaba");
    private static final ZoneId RIO_BRANCO = ZoneId.of("America/Rio_Branco");

    private final BrazilZoneResolver resolver = BrazilZoneResolver.standard();

    @Test
    void the_explicit_zone_wins_and_is_the_only_candidate_zone() {
        Customer c = Customer.builder("c").zone(RIO_BRANCO).addressState("SP").phone("+5565999991234").build();
        assertThat(resolver.zoneOf(c)).isEqualTo(RIO_BRANCO);
        assertThat(resolver.candidateZones(c)).containsExactly(RIO_BRANCO);
        assertThat(resolver.candidates(c)).extracting(ZoneCandidate::source).containsExactly(EXPLICIT, ADDRESS_STATE, PHONE_DDD);
    }

    @Test
    void the_address_state_wins_over_the_ddd_but_both_are_candidates() {
        // moved from Cuiabá (DDD 65, UTC-4) to São Paulo, kept the mobile number
        Customer c = Customer.builder("c").addressState("SP").phone("+5565999991234").build();
        assertThat(resolver.zoneOf(c)).isEqualTo(SAO_PAULO);
        assertThat(resolver.candidateZones(c)).containsExactly(SAO_PAULO, CUIABA);
        assertThat(resolver.candidates(c).get(1).detail()).isEqualTo("+55 65 9****-1234 DDD 65 MT");
    }

    @Test
    void without_an_address_the_ddd_gives_the_zone() {
        Customer c = Customer.builder("c").phone("+5565999991234").build();
        assertThat(resolver.zoneOf(c)).isEqualTo(CUIABA);
        assertThat(resolver.candidateZones(c)).containsExactly(CUIABA);
    }

    @Test
    void ddd_97_is_manaus_or_eirunepe() {
        Customer c = Customer.builder("c").phone("+5597991234567").build();
        assertThat(resolver.zoneOf(c)).isEqualTo(MANAUS);
        assertThat(resolver.candidateZones(c)).containsExactly(MANAUS, EIRUNEPE);
    }

    @Test
    void ddd_81_is_recife_or_fernando_de_noronha() {
        Customer c = Customer.builder("c").phone("+5581991234567").build();
        assertThat(resolver.zoneOf(c)).isEqualTo(java.time.ZoneId.of("America/Recife"));
        assertThat(resolver.candidateZones(c)).containsExactly(java.time.ZoneId.of("America/Recife"),
                java.time.ZoneId.of("America/Noronha"));
    }

    @Test
    void whatsapp_numbers_count_after_phones_and_invalid_ones_are_ignored() {
        Customer c = Customer.builder("c").phone("+5520987654321").whatsapp("+5592991234567").build();
        assertThat(resolver.zoneOf(c)).isEqualTo(MANAUS);
    }

    @Test
    void nothing_known_gives_the_default() {
        Customer c = Customer.builder("c").addressState("CA").phone("+14155552671").build();
        assertThat(resolver.zoneOf(c)).isEqualTo(SAO_PAULO);
        assertThat(resolver.candidates(c)).extracting(ZoneCandidate::source).containsExactly(DEFAULT);
        BrazilZoneResolver manausDefault = new BrazilZoneResolver(BrazilNumbering.standard(), MANAUS);
        assertThat(manausDefault.zoneOf(Customer.builder("c").build())).isEqualTo(MANAUS);
    }
}
