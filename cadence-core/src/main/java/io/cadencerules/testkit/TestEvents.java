package io.cadencerules.testkit;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.Conversion;
import io.cadencerules.event.InboundContact;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageDelivered;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.PromiseToPay;
import io.cadencerules.event.ReplyReceived;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-data builder for events: each gets a fresh id ("evt-1", "evt-2"…) and the clock's now as
 * its time. The subject key may be null (all of the customer's journeys).
 */
public final class TestEvents {

    private final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();

    /** Events stamped with this clock's now. */
    public TestEvents(InstantSource clock) {
        this.clock = clock;
    }

    private String id() {
        return "evt-" + ids.incrementAndGet();
    }

    /** A full payment settling the subject. */
    public PaymentReceived paid(String customerId, String subjectKey, Money amount) {
        return new PaymentReceived(id(), clock.instant(), customerId, subjectKey, amount, true);
    }

    /** A partial payment. */
    public PaymentReceived paidPart(String customerId, String subjectKey, Money amount) {
        return new PaymentReceived(id(), clock.instant(), customerId, subjectKey, amount, false);
    }

    /** A promise to pay. */
    public PromiseToPay promised(String customerId, String subjectKey, Money amount, LocalDate by) {
        return new PromiseToPay(id(), clock.instant(), customerId, subjectKey, by, amount);
    }

    /** A text reply. */
    public ReplyReceived replied(String customerId, String subjectKey, Channel channel, String text) {
        return new ReplyReceived(id(), clock.instant(), customerId, subjectKey, channel, text);
    }

    /** A key press in an IVR menu. */
    public KeyPressed pressed(String customerId, String subjectKey, char digit) {
        return new KeyPressed(id(), clock.instant(), customerId, subjectKey, digit);
    }

    /** A click on a tracked link. */
    public LinkClicked clicked(String customerId, String subjectKey, String link) {
        return new LinkClicked(id(), clock.instant(), customerId, subjectKey, link);
    }

    /** A delivery receipt. */
    public MessageDelivered delivered(String customerId, String subjectKey, Channel channel, String dispatchKey) {
        return new MessageDelivered(id(), clock.instant(), customerId, subjectKey, channel, dispatchKey);
    }

    /** A delivery failure. */
    public MessageFailed failed(String customerId, String subjectKey, Channel channel, String dispatchKey,
                                boolean permanent) {
        return new MessageFailed(id(), clock.instant(), customerId, subjectKey, channel, dispatchKey, "test failure", permanent);
    }

    /** How a call ended. */
    public CallOutcome call(String customerId, String subjectKey, Channel channel, CallOutcome.Result result) {
        return new CallOutcome(id(), clock.instant(), customerId, subjectKey, channel, result, null);
    }

    /** An inbound contact. */
    public InboundContact inbound(String customerId, Channel channel) {
        return new InboundContact(id(), clock.instant(), customerId, null, channel);
    }

    /** An opt-out of one channel, or of all when {@code channel} is null. */
    public OptOut optOut(String customerId, Channel channel) {
        return new OptOut(id(), clock.instant(), customerId, null, channel);
    }

    /** A cease request, dispute, death or complaint notice. */
    public AccountNotice notice(String customerId, String subjectKey, AccountNotice.Kind kind) {
        return new AccountNotice(id(), clock.instant(), customerId, subjectKey, kind, "");
    }

    /** A conversion (purchase, confirmation). */
    public Conversion converted(String customerId, String subjectKey, String goal) {
        return new Conversion(id(), clock.instant(), customerId, subjectKey, goal, null);
    }
}
