package io.cadencerules.channels.address;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channels.Fixtures;
import io.cadencerules.customer.Customer;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.VOICE_BLAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AddressValidationStageTest {

    private final Cadence cadence = Fixtures.smsVoiceEmail();
    private CadenceHarness h;

    @BeforeEach
    void harness() {
        h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.policy(AddressValidationStage.standard())).build();
    }

    private Journey run(Customer customer) {
        h.enroll(customer, Fixtures.debt(), cadence);
        h.advance(Duration.ofDays(20));
        return h.journey(customer, Fixtures.debt(), cadence);
    }

    @Test
    void a_wrong_ddd_skips_every_phone_step_with_the_masked_number_and_the_reason() {
        Journey j = run(Fixtures.customer("c-ddd", "+5520987654321"));

        assertThat(j.entries(Kind.SKIPPED)).extracting(HistoryEntry::stepId, HistoryEntry::channel, HistoryEntry::reason,
                        HistoryEntry::detail)
                .containsExactly(
                        tuple("d0-sms", SMS, "invalid-phone", "phone +55 20 9****-4321 has DDD 20, which does not exist"),
                        tuple("d2-voice", VOICE_BLAST, "invalid-phone", "phone +55 20 9****-4321 has DDD 20, which does not exist"));
        assertThat(h.sentTo("c-ddd")).extracting(r -> r.channel()).containsExactly(EMAIL);
    }

    @Test
    void a_too_short_number_skips_the_step() {
        Journey j = run(Fixtures.customer("c-short", "+55119876"));

        assertThat(j.entries(Kind.SKIPPED)).first().satisfies(e -> {
            assertThat(e.stepId()).isEqualTo("d0-sms");
            assertThat(e.reason()).isEqualTo("invalid-phone");
            assertThat(e.detail()).isEqualTo("phone +55 11 **76 is too short: 6 digits after +55, and a Brazilian number has 10"
                    + " (DDD + 8-digit landline) or 11 (DDD + 9-digit mobile)");
        });
        assertThat(h.channel(SMS).sent()).isEmpty();
    }

    @Test
    void a_landline_skips_the_sms_but_takes_the_voice_blast() {
        Journey j = run(Fixtures.customer("c-land", "+551133334444"));

        assertThat(j.entries(Kind.SKIPPED)).extracting(HistoryEntry::stepId, HistoryEntry::detail)
                .containsExactly(tuple("d0-sms", "phone +55 11 ****-4444 is a landline, and SMS needs a mobile"));
        assertThat(h.sentTo("c-land")).extracting(r -> r.channel()).containsExactly(VOICE_BLAST, EMAIL);
    }

    @Test
    void an_invalid_email_skips_the_email_step() {
        Customer c = Customer.builder("c-mail").name("Ana").phone("+5511987654321").email("ana@example..com")
                .zone(Fixtures.SAO_PAULO).build();
        Journey j = run(c);

        assertThat(j.entries(Kind.SKIPPED)).extracting(HistoryEntry::stepId, HistoryEntry::reason, HistoryEntry::detail)
                .containsExactly(tuple("d3-email", "invalid-email",
                        "e-mail a***@example..com has domain 'example..com' with an empty label (leading, trailing or double dot)"));
        assertThat(h.sentTo("c-mail")).extracting(r -> r.channel()).containsExactly(SMS, VOICE_BLAST);
    }

    @Test
    void a_valid_customer_gets_every_step() {
        run(Fixtures.customer("c-ok", "+5511987654321"));
        assertThat(h.sentTo("c-ok")).extracting(r -> r.channel()).containsExactly(SMS, VOICE_BLAST, EMAIL);
    }
}
