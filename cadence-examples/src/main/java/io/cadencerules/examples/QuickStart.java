package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.testkit.VirtualClock;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static io.cadencerules.event.EventType.PROMISE_TO_PAY;

/** The README's quick start: a collection régua, one customer, a payment on D+3. */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        Journey journey = run(System.out);
        System.out.println(journey.status() + ", stopped at " + journey.stoppedAt().orElse("-"));
    }

    /** Runs the quick start, printing each contact; returns the journey at the end. */
    public static Journey run(PrintStream out) {
        Cadence cardLate = Cadence.collection("card-late")
                .step("d-3-email").at(days(-3), LocalTime.of(10, 0)).email("reminder-due")
                .step("d0-sms").at(days(0), LocalTime.of(9, 0)).sms("due-today")
                .step("d2-voice").at(days(2)).voiceBlast("late-notice")
                .step("d5-ivr").at(days(5)).outboundIvr("negotiate").onKey('1', handOffToAgent("negotiation"))
                .step("d10-agent").at(days(10)).agentCall("collections").when(segment("high-balance"))
                .exitOn(PAYMENT_RECEIVED).pauseOn(PROMISE_TO_PAY)
                .build();

        VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T12:00:00Z"));
        ChannelAdapter print = request -> {
            out.printf("%s  %-11s %-10s to %s%n", request.requestedAt(), request.channel(), request.stepId(),
                    request.address().value());
            return CompletableFuture.completedFuture(DispatchResult.accepted("demo-" + request.idempotencyKey()));
        };
        CadenceEngine.Builder builder = CadenceEngine.builder().clock(clock);
        for (Channel channel : Channel.values()) {
            builder.channel(channel, print);
        }
        CadenceEngine engine = builder.build();

        Customer ana = Customer.builder("c-1").name("Ana").phone("+5511987654321").email("ana@example.com")
                .zone(ZoneId.of("America/Sao_Paulo")).segments("high-balance").build();
        Debt invoice = Debt.of("inv-9", Money.brl("500.00"), LocalDate.of(2026, 3, 10));
        engine.enroll(ana, invoice, cardLate);

        for (int hour = 0; hour < 24 * 12; hour++) {          // until D+3, hour by hour
            clock.advance(Duration.ofHours(1));
            engine.runDue();
        }
        engine.handle(new PaymentReceived("pay-1", clock.instant(), "c-1", "inv-9", Money.brl("500.00"), true));
        clock.advance(Duration.ofDays(30));
        engine.runDue();                                        // nothing more is sent

        return engine.journey(new JourneyKey("c-1", "inv-9", "card-late")).orElseThrow();
    }
}
