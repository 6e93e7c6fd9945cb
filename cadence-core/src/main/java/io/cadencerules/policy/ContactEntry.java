package io.cadencerules.policy;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.event.AccountNotice;

import java.time.Instant;
import java.util.Objects;

/** What the {@link ContactLedger} keeps about a person: contacts, conversations, opt-outs and notices. */
public sealed interface ContactEntry {

    /** When it happened. */
    Instant at();

    /**
     * A contact attempt (reserved when admitted, kept when sent or possibly sent).
     *
     * @param at         when it was admitted
     * @param channel    its channel
     * @param purpose    its cadence's purpose
     * @param subjectKey the journey's subject
     * @param reference  the journey and step it belongs to, for the record
     */
    record Attempt(Instant at, Channel channel, Purpose purpose, String subjectKey, String reference) implements ContactEntry {
        public Attempt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(purpose, "purpose");
            subjectKey = subjectKey == null ? "" : subjectKey;
            reference = reference == null ? "" : reference;
        }
    }

    /**
     * A conversation with the person (an answered agent call, an inbound call).
     *
     * @param at         when
     * @param subjectKey the subject discussed, or null when not known (then it counts for every subject)
     * @param eventId    the event that reported it
     */
    record Conversation(Instant at, String subjectKey, String eventId) implements ContactEntry {
        public Conversation {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A revocation: no more contacts on the channel (or every channel) for the purpose (or all).
     *
     * @param at      when the person said it
     * @param channel the channel, or null for every channel
     * @param purpose the purpose, or null for every purpose
     * @param source  what said it ("reply 'PARAR' on SMS", an event id)
     */
    record OptOut(Instant at, Channel channel, Purpose purpose, String source) implements ContactEntry {
        public OptOut {
            Objects.requireNonNull(at, "at");
            source = source == null ? "" : source;
        }
    }

    /**
     * A notice about the account (cease request, dispute, death, bankruptcy, complaint).
     *
     * @param at         when it occurred
     * @param kind       what it says
     * @param subjectKey the subject it is about, or null
     * @param eventId    the event that reported it
     */
    record Notice(Instant at, AccountNotice.Kind kind, String subjectKey, String eventId) implements ContactEntry {
        public Notice {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
