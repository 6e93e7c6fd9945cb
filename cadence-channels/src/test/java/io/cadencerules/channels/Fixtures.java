package io.cadencerules.channels;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;

/** Shared test data for the channels module. */
public final class Fixtures {

    private Fixtures() {
    }

    public static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    /** Nine days before the due date. */
    public static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    public static final LocalDate DUE = LocalDate.of(2026, 3, 10);

    /** D0 SMS, D+2 voice blast, D+3 e-mail. */
    public static Cadence smsVoiceEmail() {
        return Cadence.collection("sms-voice-email")
                .anchoredOn(Anchor.DUE_DATE)
                .step("d0-sms").at(days(0), LocalTime.of(9, 0)).sms("due-today")
                .step("d2-voice").at(days(2)).voiceBlast("late-notice")
                .step("d3-email").at(days(3)).email("late-email")
                .exitOn(PAYMENT_RECEIVED)
                .build();
    }

    public static Customer customer(String id, String phone) {
        return Customer.builder(id).name("Ana Souza").phone(phone).email("ana.souza@example.com").zone(SAO_PAULO).build();
    }

    public static Debt debt() {
        return Debt.of("inv-9", Money.brl("1234.56"), DUE);
    }
}
