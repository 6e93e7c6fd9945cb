package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static io.cadencerules.event.EventType.PROMISE_TO_PAY;

/**
 * The collection régua (régua de cobrança) of the source documents: prevention before the due date,
 * collection after it, an outbound IVR that offers negotiation with an agent, and an agent call for
 * high balances only.
 *
 * <pre>
 *   D-5  e-mail        prevention reminder
 *   D-1  SMS           "your bill is due tomorrow"
 *   D+1  SMS           overdue notice
 *   D+3  voice blast   late notice (torpedo de voz)
 *   D+5  outbound IVR  "press 1 to negotiate" → agent queue "negotiation"
 *   D+10 agent call    queue "collections", segment "high-balance" only
 * </pre>
 *
 * A full payment ends the journey as converted; a promise to pay pauses it until the promised date.
 */
public final class CollectionCadence {

    /** The cadence id. */
    public static final String ID = "collection";
    /** Segment tag of the customers the D+10 agent call is for. */
    public static final String HIGH_BALANCE = "high-balance";

    private CollectionCadence() {
    }

    /** The collection cadence, version 1, anchored on the debt's due date, steps at 09:00 local time. */
    public static Cadence collection() {
        return Cadence.collection(ID)
                .step("d-5-email").at(days(-5)).email("prevention-reminder")
                .step("d-1-sms").at(days(-1)).sms("due-tomorrow")
                .step("d+1-sms").at(days(1)).sms("overdue-notice")
                .step("d+3-voice").at(days(3)).voiceBlast("late-notice")
                .step("d+5-ivr").at(days(5)).outboundIvr("negotiate").onKey('1', handOffToAgent("negotiation"))
                .step("d+10-agent").at(days(10)).agentCall("collections").when(segment(HIGH_BALANCE))
                .exitOn(PAYMENT_RECEIVED)
                .pauseOn(PROMISE_TO_PAY)
                .build();
    }
}
