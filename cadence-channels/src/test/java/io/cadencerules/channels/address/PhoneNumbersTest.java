package io.cadencerules.channels.address;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    private final PhoneNumbers phones = PhoneNumbers.standard();

    @Test
    void a_sao_paulo_mobile_is_valid_with_its_state_and_zone() {
        PhoneCheck c = phones.check("+5511987654321");
        assertThat(c.valid()).isTrue();
        assertThat(c.problem()).isEmpty();
        assertThat(c.e164()).isEqualTo("+5511987654321");
        assertThat(c.ddd()).isEqualTo(11);
        assertThat(c.uf()).isEqualTo("SP");
        assertThat(c.zones()).containsExactly(ZoneId.of("America/Sao_Paulo"));
        assertThat(c.lineType()).isEqualTo(LineType.MOBILE);
        assertThat(c.message()).isEqualTo("phone '+5511987654321' is valid");
    }

    @Test
    void national_formats_are_read_as_brazilian() {
        PhoneCheck c = phones.check("(92) 99123-4567");
        assertThat(c.valid()).isTrue();
        assertThat(c.e164()).isEqualTo("+5592991234567");
        assertThat(c.uf()).isEqualTo("AM");
        assertThat(c.zones()).containsExactly(ZoneId.of("America/Manaus"));
    }

    @Test
    void a_landline_is_valid_but_not_for_sms() {
        PhoneCheck c = phones.check("+55 11 3333-4444");
        assertThat(c.valid()).isTrue();
        assertThat(c.lineType()).isEqualTo(LineType.FIXED_LINE);
        PhoneCheck forSms = phones.check(ContactPoint.phone("+551133334444"), Channel.SMS);
        assertThat(forSms.valid()).isFalse();
        assertThat(forSms.message()).isEqualTo("phone '+551133334444' is a landline, and SMS needs a mobile");
        assertThat(phones.check(ContactPoint.phone("+551133334444"), Channel.VOICE_BLAST).valid()).isTrue();
    }

    @Test
    void ddds_that_do_not_exist_are_named() {
        for (String ddd : List.of("20", "23", "25", "26", "29", "30", "36", "39", "40", "50", "52", "56", "57", "58", "59",
                "60", "70", "72", "76", "78", "80", "90")) {
            PhoneCheck c = phones.check("+55" + ddd + "987654321");
            assertThat(c.valid()).as(ddd).isFalse();
            assertThat(c.message()).isEqualTo("phone '+55" + ddd + "987654321' has DDD " + ddd + ", which does not exist");
        }
    }

    @Test
    void the_shipped_table_has_the_67_ddds_of_the_reference() {
        BrazilNumbering table = BrazilNumbering.standard();
        assertThat(table.ddds()).hasSize(67);
        assertThat(table.states()).hasSize(27);
        assertThat(table.ddd(28).orElseThrow().uf()).isEqualTo("ES");
        assertThat(table.ddd(93).orElseThrow().zone()).isEqualTo(ZoneId.of("America/Santarem"));
        assertThat(table.ddd(91).orElseThrow().zone()).isEqualTo(ZoneId.of("America/Belem"));
        assertThat(table.ddd(68).orElseThrow().zone()).isEqualTo(ZoneId.of("America/Rio_Branco"));
        assertThat(table.ddd(97).orElseThrow().zones())
                .containsExactly(ZoneId.of("America/Manaus"), ZoneId.of("America/Eirunepe"));
        assertThat(table.ddd(61).orElseThrow().caveat()).contains("Entorno");
        for (DddEntry entry : table.ddds()) {
            assertThat(table.state(entry.uf())).as("state of DDD %s", entry.ddd()).isPresent();
        }
    }

    @Test
    void too_short_and_too_long_numbers_say_how_many_digits() {
        assertThat(phones.check("+55119876").message()).isEqualTo(
                "phone '+55119876' is too short: 6 digits after +55, and a Brazilian number has 10 (DDD + 8-digit landline)"
                        + " or 11 (DDD + 9-digit mobile)");
        assertThat(phones.check("+551198765432109").message()).startsWith(
                "phone '+551198765432109' is too long: 13 digits after +55");
    }

    @Test
    void an_old_eight_digit_mobile_is_not_valid() {
        assertThat(phones.check("+551187654321").message()).isEqualTo(
                "phone '+551187654321' is not a valid Brazilian landline: after the DDD a landline has 8 digits starting with 2 to 5");
        assertThat(phones.check("+5511887654321").message()).isEqualTo(
                "phone '+5511887654321' is not a valid Brazilian mobile: after the DDD a mobile has 9 digits starting with 9");
    }

    @Test
    void letters_are_refused_rather_than_read_as_keypad_digits() {
        PhoneCheck c = phones.check("+55 11 9FLOR-4321");
        assertThat(c.valid()).isFalse();
        assertThat(c.message()).isEqualTo(
                "phone '+55 11 9FLOR-4321' contains the letter 'F' at position 9, and a phone number has digits only");
        assertThatThrownBy(() -> ContactPoint.phone("+55 11 9FLOR-4321")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void other_bad_inputs_have_reasons_and_never_throw() {
        assertThat(phones.check("").message()).isEqualTo("phone '' is empty");
        assertThat(phones.check(null).problem()).isEqualTo("is empty");
        assertThat(phones.check("11#98765").problem()).startsWith("contains the character '#' at position 3");
        assertThat(phones.check("55+11987654321").problem()).isEqualTo("has a '+' that is not at the start");
        assertThat(phones.check("+").valid()).isFalse();
        assertThat(phones.check("+999 1234567").problem()).contains("country code");
    }

    @Test
    void foreign_numbers_are_checked_by_libphonenumber_without_state_or_zone() {
        PhoneCheck us = phones.check("+1 415 555 2671");
        assertThat(us.valid()).isTrue();
        assertThat(us.countryCode()).isEqualTo(1);
        assertThat(us.uf()).isEmpty();
        assertThat(us.zones()).isEmpty();
        assertThat(us.lineType()).isEqualTo(LineType.FIXED_LINE_OR_MOBILE);
        assertThat(phones.check(ContactPoint.phone("+14155552671"), Channel.SMS).valid()).isTrue();
    }

    @Test
    void require_valid_throws_with_the_message() {
        assertThatThrownBy(() -> phones.check("+5520987654321").requireValid())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phone '+5520987654321' has DDD 20, which does not exist");
    }
}
