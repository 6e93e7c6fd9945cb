package io.cadencerules.channels.address;

import io.cadencerules.customer.ContactPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void brazilian_phones_keep_ddd_first_digit_and_last_four() {
        assertThat(Masking.phone("+5511987654321")).isEqualTo("+55 11 9****-4321");
        assertThat(Masking.phone("+551133334444")).isEqualTo("+55 11 ****-4444");
        assertThat(Masking.phone("+55119876")).isEqualTo("+55 11 **76");
    }

    @Test
    void other_phones_keep_the_first_and_last_four_digits() {
        assertThat(Masking.phone("+14155552671")).isEqualTo("+1******2671");
        assertThat(Masking.phone("abc")).isEqualTo("***");
    }

    @Test
    void emails_keep_the_first_letter_and_the_domain() {
        assertThat(Masking.email("ana.souza@example.com")).isEqualTo("a***@example.com");
        assertThat(Masking.email("a@example.com")).isEqualTo("a***@example.com");
        assertThat(Masking.email("no-at-sign")).isEqualTo("***");
        assertThat(Masking.contactPoint(ContactPoint.email("joao@banco.com.br"))).isEqualTo("j***@banco.com.br");
        assertThat(Masking.contactPoint(ContactPoint.whatsapp("+5521998765432"))).isEqualTo("+55 21 9****-5432");
    }
}
