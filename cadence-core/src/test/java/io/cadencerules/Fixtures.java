package io.cadencerules;

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
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static io.cadencerules.event.EventType.PROMISE_TO_PAY;

/** Shared test data: the card-late régua of the core issue and its customers. */
public final class Fixtures {

    private Fixtures() {
    }

    public static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    public static final ZoneId MANAUS = ZoneId.of("America/Manaus");
    /** Nine days before the due date. */
    public static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    public static final LocalDate DUE = LocalDate.of(2026, 3, 10);

    public static Cadence cardLate() {
        return Cadence.collection("card-late")
                .anchoredOn(Anchor.DUE_DATE)
                .step("d-3-email").at(days(-3), LocalTime.of(10, 0)).email("reminder-due")
                .step("d0-sms").at(days(0), LocalTime.of(9, 0)).sms("due-today")
                .step("d2-voice").at(days(2)).voiceBlast("late-notice")
                .step("d5-ivr").at(days(5)).outboundIvr("negotiate").onKey('1', handOffToAgent("negotiation"))
                .step("d10-agent").at(days(10)).agentCall("collections").when(segment("high-balance"))
                .exitOn(PAYMENT_RECEIVED).pauseOn(PROMISE_TO_PAY)
                .build();
    }

    public static Customer ana() {
        return Customer.builder("c-1").name("Ana").phone("+5511987654321").email("ana@example.com")
                .zone(SAO_PAULO).segments("high-balance").build();
    }

    public static Customer customer(String id, ZoneId zone, String... segments) {
        return Customer.builder(id).name(id).phone("+5511900000000").email(id + "@example.com").zone(zone)
                .segments(segments).build();
    }

    public static Debt debt() {
        return Debt.of("inv-9", Money.brl("500.00"), DUE);
    }

    /** A local time on day {@code offset} of the due date, in São Paulo. */
    public static Instant local(int offset, int hour, int minute) {
        return DUE.plusDays(offset).atTime(hour, minute).atZone(SAO_PAULO).toInstant();
    }
}
