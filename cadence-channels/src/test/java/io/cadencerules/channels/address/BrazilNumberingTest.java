package io.cadencerules.channels.address;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrazilNumberingTest {

    private static final String UF = "uf,name,zones,caveat\nSP,Sao Paulo,America/Sao_Paulo,\nAM,Amazonas,America/Manaus|America/Eirunepe,\n";

    private static BrazilNumbering load(String ddd, String uf) {
        return BrazilNumbering.load(new StringReader(ddd), "my-ddd.csv", new StringReader(uf), "my-uf.csv");
    }

    @Test
    void a_custom_table_loads_with_comments_and_caveats_containing_commas() {
        BrazilNumbering t = load("# comment\n\nddd,uf,zones,caveat\n11,SP,America/Sao_Paulo,\n97,AM,America/Manaus|America/Eirunepe,west, maybe\n", UF);
        assertThat(t.ddds()).extracting(DddEntry::ddd).containsExactly(11, 97);
        assertThat(t.ddd(97).orElseThrow().caveat()).isEqualTo("west, maybe");
        assertThat(t.ddd(97).orElseThrow().spansZones()).isTrue();
        assertThat(t.state("am").orElseThrow().name()).isEqualTo("Amazonas");
    }

    @Test
    void an_unknown_zone_is_reported_with_file_and_line() {
        assertThatThrownBy(() -> load("ddd,uf,zones,caveat\n11,SP,America/Sao_Paul,\n", UF))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("my-ddd.csv line 2: unknown time zone 'America/Sao_Paul'");
    }

    @Test
    void bad_rows_are_reported_with_file_and_line() {
        assertThatThrownBy(() -> load("ddd,uf,zones,caveat\n1x,SP,America/Sao_Paulo,\n", UF))
                .hasMessage("my-ddd.csv line 2: DDD must be two digits, but was '1x'");
        assertThatThrownBy(() -> load("ddd,uf,zones,caveat\n11,SP,America/Sao_Paulo,\n11,SP,America/Sao_Paulo,\n", UF))
                .hasMessage("my-ddd.csv line 3: DDD 11 is listed twice");
        assertThatThrownBy(() -> load("ddd,uf,zones,caveat\n21,RJ,America/Sao_Paulo,\n", UF))
                .hasMessage("my-ddd.csv line 2: DDD 21 names state 'RJ', which is not in my-uf.csv");
        assertThatThrownBy(() -> load("ddd,uf,zones,caveat\n21,RJ\n", UF))
                .hasMessage("my-ddd.csv line 2: expected 4 columns (ddd,uf,zones,caveat), but found 2 in '21,RJ'");
        assertThatThrownBy(() -> load("ddd;uf\n", UF))
                .hasMessage("my-ddd.csv line 1: header must be 'ddd,uf,zones,caveat', but was 'ddd;uf'");
        assertThatThrownBy(() -> load("ddd,uf,zones,caveat\n10,SP,America/Sao_Paulo,\n", UF))
                .hasMessage("my-ddd.csv line 2: DDD must be two digits from 11 to 99 not ending in 0, but was 10");
        assertThatThrownBy(() -> load("", UF))
                .hasMessage("my-ddd.csv is empty: expected the header 'ddd,uf,zones,caveat'");
        assertThatThrownBy(() -> load("ddd,uf,zones,caveat\n", "uf,name,zones,caveat\nsp,x,America/Sao_Paulo,\n"))
                .hasMessage("my-uf.csv line 2: state UF must be two upper-case letters, but was 'sp'");
    }
}
