package io.cadencerules.policy;

import io.cadencerules.json.JsonPathException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyPacksTest {

    private static final String MINIMAL = """
            {"id": "acme", "version": "1", "effectiveFrom": "2026-01-01", "jurisdiction": {"country": "BR"},
             "windows": [{"id": "w", "purposes": ["ALL"], "channels": ["CALLS"], "weekdays": ["09:00-18:00"]}]}
            """;

    @Test
    void the_shipped_packs_load_with_their_versions_and_rules() {
        PolicyPacks packs = PolicyPacks.standard();
        assertThat(packs.all()).extracting(PolicyPack::label)
                .containsExactly("br-default@2026.1", "br-sp@2026.1", "us-regf@2026.1");
        PolicyPack sp = packs.all().get(1);
        assertThat(sp.jurisdiction().regions()).containsExactly("SP");
        assertThat(sp.windows().get(0).weekdays()).extracting(Object::toString).containsExactly("08:00-20:00");
        assertThat(sp.windows().get(0).saturday()).extracting(Object::toString).containsExactly("08:00-14:00");
        assertThat(sp.windows().get(0).sunday()).isEmpty();
        PolicyPack us = packs.all().get(2);
        assertThat(us.caps()).extracting(PolicyPack.CapRule::id, PolicyPack.CapRule::max)
                .contains(org.assertj.core.groups.Tuple.tuple("regf-7-calls-in-7-days", 7));
        assertThat(us.quietAfterConversation()).extracting(PolicyPack.QuietRule::days).containsExactly(7);
    }

    @Test
    void a_newer_version_takes_over_on_its_effective_date() {
        PolicyPack v1 = PolicyPacks.read(MINIMAL, "acme.json");
        PolicyPack v2 = PolicyPacks.read(MINIMAL.replace("\"version\": \"1\"", "\"version\": \"2\"")
                .replace("2026-01-01", "2027-01-01"), "acme-2.json");
        PolicyPacks packs = PolicyPacks.of(java.util.List.of(v1, v2));
        assertThat(packs.inForce(LocalDate.of(2026, 12, 31))).extracting(PolicyPack::label).containsExactly("acme@1");
        assertThat(packs.inForce(LocalDate.of(2027, 1, 1))).extracting(PolicyPack::label).containsExactly("acme@2");
        assertThat(packs.inForce(LocalDate.of(2025, 6, 1))).isEmpty();
    }

    @Test
    void a_user_pack_replaces_a_shipped_one_with_the_same_id_and_version_and_can_remove_it() {
        PolicyPack mine = PolicyPacks.read(MINIMAL.replace("acme", "br-sp").replace("\"version\": \"1\"", "\"version\": \"2026.1\""),
                "br-sp.json");
        PolicyPacks packs = PolicyPacks.standard().with(mine);
        assertThat(packs.all()).hasSize(3).contains(mine);
        assertThat(packs.without("br-sp").all()).extracting(PolicyPack::id).containsExactly("br-default", "us-regf");
        assertThatThrownBy(() -> packs.without("xx")).hasMessage("there is no policy pack 'xx' to remove; packs: "
                + "[br-default, br-sp, us-regf]");
    }

    @Test
    void a_state_pack_covers_the_places_below_the_state_and_nothing_else() {
        PolicyPack.Jurisdiction sp = new PolicyPack.Jurisdiction("BR", java.util.List.of("sp"));
        java.time.ZoneId zone = java.time.ZoneId.of("America/Sao_Paulo");
        assertThat(sp.covers(new Locality("BR", "SP", zone, ""))).isTrue();
        assertThat(sp.covers(new Locality("BR", "SP-3550308", zone, ""))).isTrue();
        assertThat(sp.covers(new Locality("BR", "SPX", zone, ""))).isFalse();
        assertThat(sp.covers(new Locality("BR", "", zone, ""))).isFalse();
        assertThat(sp.covers(new Locality("US", "SP", zone, ""))).isFalse();
    }

    @Test
    void errors_name_the_file_and_json_path() {
        assertThatThrownBy(() -> PolicyPacks.read(MINIMAL.replace("09:00-18:00", "9h-18h"), "acme.json"))
                .isInstanceOf(JsonPathException.class)
                .hasMessageStartingWith("acme.json $.windows[0].weekdays[0]: ")
                .hasMessageContaining("time range must look like 08:00-20:00, but was '9h-18h'");
        assertThatThrownBy(() -> PolicyPacks.read(MINIMAL.replace("CALLS", "FAX"), "acme.json"))
                .hasMessageStartingWith("acme.json $.windows[0]: ")
                .hasMessageContaining("window rule 'w' has an unknown channel 'FAX'; use a channel name, CALLS, TEXTS or ALL");
        assertThatThrownBy(() -> PolicyPacks.read(MINIMAL.replace("\"windows\"", "\"windowz\""), "acme.json"))
                .hasMessageStartingWith("acme.json $.windowz: ");
        assertThatThrownBy(() -> PolicyPacks.read(MINIMAL.replace("09:00-18:00", "18:00-09:00"), "acme.json"))
                .hasMessageContaining("time range must start before it ends within one day, but was 18:00-09:00");
    }

    @Test
    void stop_keywords_ignore_case_accents_and_punctuation_and_must_open_the_reply() {
        java.util.List<String> keywords = java.util.List.of("PARAR", "OPT OUT", "DESCADASTRAR");
        assertThat(Keywords.match("parar", keywords)).isEqualTo("PARAR");
        assertThat(Keywords.match("  Parar!!", keywords)).isEqualTo("PARAR");
        assertThat(Keywords.match("PARAR de mandar", keywords)).isEqualTo("PARAR");
        assertThat(Keywords.match("opt-out", keywords)).isEqualTo("OPT OUT");
        assertThat(Keywords.match("Descadastrár", keywords)).isEqualTo("DESCADASTRAR");
        assertThat(Keywords.match("não vou parar", keywords)).isNull();
        assertThat(Keywords.match("PARARAM", keywords)).isNull();
    }
}
