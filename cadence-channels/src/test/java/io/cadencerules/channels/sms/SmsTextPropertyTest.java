package io.cadencerules.channels.sms;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class SmsTextPropertyTest {

    @Provide
    Arbitrary<String> basicGsm() {
        return Arbitraries.strings().withChars(Gsm7.BASIC.replace("\u001b", "").toCharArray()).ofMaxLength(700);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().withChars("aãçé€{ \uD83D\uDE00Ç".toCharArray()).ofMaxLength(500);
    }

    @Property
    void basic_gsm_texts_follow_the_160_and_153_rule(@ForAll("basicGsm") String text) {
        SmsText sms = SmsText.of(text);
        int n = text.length();
        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(sms.units()).isEqualTo(n);
        assertThat(sms.segments()).isEqualTo(n <= 160 ? 1 : (n + 152) / 153);
    }

    @Property
    void appending_a_character_never_lowers_the_segment_count(@ForAll("anyText") String text, @ForAll("anyText") String more) {
        int before = SmsText.of(text).segments();
        assertThat(SmsText.of(text + more).segments()).isGreaterThanOrEqualTo(before);
    }

    @Property
    void every_part_fits_its_limit(@ForAll("anyText") String text) {
        SmsText sms = SmsText.of(text);
        int capacity = sms.segments() == 1 ? sms.encoding().singleLimit() : sms.segments() * sms.encoding().partLimit();
        assertThat(sms.units()).isLessThanOrEqualTo(capacity);
        assertThat(sms.segments()).isLessThanOrEqualTo(sms.units() <= sms.encoding().singleLimit() ? 1
                : sms.units() / (sms.encoding().partLimit() - 1) + 1);
    }
}
