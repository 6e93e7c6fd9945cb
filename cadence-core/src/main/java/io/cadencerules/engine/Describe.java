package io.cadencerules.engine;

import io.cadencerules.cadence.BranchAction;
import io.cadencerules.cadence.Condition;
import io.cadencerules.channel.Channel;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.Event;
import io.cadencerules.event.EventType;
import io.cadencerules.event.InboundContact;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageDelivered;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.MessageRead;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.PromiseToPay;
import io.cadencerules.event.SurveyAnswered;
import io.cadencerules.event.ReplyReceived;

import java.util.Locale;

/** The words the engine writes into journey histories: reason codes and details of events, branches, conditions. */
final class Describe {

    private Describe() {
    }

    static String describe(Condition condition) {
        return condition instanceof Condition.Segment s ? "segment '" + s.name() + "'" : "rule '" + ((Condition.Rule) condition).name() + "'";
    }

    static String describe(BranchAction action) {
        if (action instanceof BranchAction.GoTo g) {
            return "go to " + g.stepId();
        } else if (action instanceof BranchAction.HandOff h) {
            return "agent: " + h.queue();
        } else if (action instanceof BranchAction.StartCadence s) {
            return "start " + s.cadenceId();
        }
        return ((BranchAction.Stop) action).converted() ? "convert" : "stop";
    }

    static Channel channelOf(Event event) {
        return switch (event.type()) {
            case MESSAGE_DELIVERED -> ((MessageDelivered) event).channel();
            case MESSAGE_FAILED -> ((MessageFailed) event).channel();
            case MESSAGE_READ -> ((MessageRead) event).channel();
            case REPLY_RECEIVED -> ((ReplyReceived) event).channel();
            case CALL_OUTCOME -> ((CallOutcome) event).channel();
            case INBOUND_CONTACT -> ((InboundContact) event).channel();
            case OPT_OUT -> ((OptOut) event).channel();
            default -> null;
        };
    }

    static String code(EventType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String describe(Event event) {
        String what = switch (event.type()) {
            case PAYMENT_RECEIVED -> {
                PaymentReceived p = (PaymentReceived) event;
                yield (p.full() ? "full payment " : "partial payment ") + p.amount();
            }
            case PROMISE_TO_PAY -> "promise " + ((PromiseToPay) event).amount() + " by " + ((PromiseToPay) event).promisedDate();
            case REPLY_RECEIVED -> "reply '" + ((ReplyReceived) event).text() + "'";
            case KEY_PRESSED -> "key '" + ((KeyPressed) event).digit() + "'";
            case LINK_CLICKED -> "click " + ((LinkClicked) event).link();
            case MESSAGE_FAILED -> "failed: " + ((MessageFailed) event).reason() + (((MessageFailed) event).permanent() ? " (permanent)" : "");
            case CALL_OUTCOME -> "call " + ((CallOutcome) event).result();
            case SURVEY_ANSWERED -> ((SurveyAnswered) event).survey() + " " + ((SurveyAnswered) event).score();
            case CUSTOM -> "custom '" + ((CustomEvent) event).name() + "'";
            default -> "";
        };
        return what.isEmpty() ? "event " + event.id() : what + "; event " + event.id();
    }
}
