package io.cadencerules.channels.address;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

    @Test
    void ordinary_addresses_pass() {
        for (String ok : new String[] {"ana@example.com", "ana.souza+boletos@banco.com.br", "x_y-z@sub.domain.org",
                "o'neil@example.co.uk", "user@xn--bcher-kva.com"}) {
            assertThat(EmailAddresses.check(ok).valid()).as(ok).isTrue();
        }
    }

    @Test
    void each_problem_is_named() {
        assertThat(EmailAddresses.check("ana.example.com").message()).isEqualTo("e-mail 'ana.example.com' has no '@'");
        assertThat(EmailAddresses.check("ana@@example.com").problem()).isEqualTo("has more than one '@'");
        assertThat(EmailAddresses.check("@example.com").problem()).isEqualTo("has nothing before the '@'");
        assertThat(EmailAddresses.check("ana@").problem()).isEqualTo("has nothing after the '@'");
        assertThat(EmailAddresses.check("ana@localhost").problem())
                .isEqualTo("has domain 'localhost' without a dot (a top-level domain is needed)");
        assertThat(EmailAddresses.check("ana@example..com").problem())
                .isEqualTo("has domain 'example..com' with an empty label (leading, trailing or double dot)");
        assertThat(EmailAddresses.check("ana.@example.com").problem())
                .isEqualTo("has a local part with a leading, trailing or double dot");
        assertThat(EmailAddresses.check("ana@-example.com").problem())
                .isEqualTo("has domain label '-example' that is not 1-63 letters, digits or inner hyphens");
        assertThat(EmailAddresses.check("ana@example.c0m").problem()).isEqualTo("has top-level domain 'c0m', which is not alphabetic");
        assertThat(EmailAddresses.check("joão@example.com").problem())
                .isEqualTo("contains the character 'ã' at position 3, and only printable ASCII is accepted");
        assertThat(EmailAddresses.check("ana souza@example.com").problem())
                .isEqualTo("contains a space at position 4, and only printable ASCII is accepted");
        assertThat(EmailAddresses.check("a\"b@example.com").problem()).startsWith("has a local part with characters");
        assertThat(EmailAddresses.check(null).problem()).isEqualTo("is empty");
        assertThat(EmailAddresses.check("x".repeat(65) + "@example.com").problem())
                .isEqualTo("has a local part of 65 characters, more than 64");
    }

    @Test
    void the_masked_message_hides_the_local_part() {
        assertThat(EmailAddresses.check("ana@example..com").maskedMessage())
                .isEqualTo("e-mail a***@example..com has domain 'example..com' with an empty label (leading, trailing or double dot)");
    }
}
