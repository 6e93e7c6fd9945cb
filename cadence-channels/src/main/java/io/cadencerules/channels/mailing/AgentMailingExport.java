package io.cadencerules.channels.mailing;

import io.cadencerules.channel.Channel;
import io.cadencerules.channels.address.Masking;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.journey.Reasons;

import java.text.Normalizer;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the agents' "interested only" list from journeys and customers.
 *
 * <p><b>Interested</b> means the journey's history holds at least one of, strongest first: a
 * hand-off to an agent from a response branch ({@link Interest#HAND_OFF}); a reply whose text is not
 * a stop or "no" keyword ({@link Interest#POSITIVE_REPLY}); a click on a tracked link
 * ({@link Interest#CLICK}). Key presses count only through the hand-off they trigger, since a key can
 * as well mean "no". A later refusal (a stop or "no" reply) cancels the interest shown before it. A journey is left out, however interested, when it converted (nothing left to
 * sell or collect), was suppressed or exited (opt-out, cease, branch stop), when the customer opted
 * out, asked to cease, disputed, complained or died, or while it is paused by a promise to pay.
 * Live and completed journeys qualify.
 */
public final class AgentMailingExport {

    /** Replies that are not interest: stop words (pt-BR and English) and plain "no". Compared without accents, upper-case. */
    public static final Set<String> DEFAULT_NEGATIVE_REPLIES = Set.of("STOP", "PARAR", "PARE", "SAIR", "CANCELAR", "CANCELA",
            "DESCADASTRAR", "BLOQUEAR", "NAO", "NAO QUERO", "N", "NO", "UNSUBSCRIBE", "END", "QUIT");

    private static final Set<String> DISQUALIFYING_EVENTS = Set.of("opt-out", "cease", "dispute", "deceased", "complaint");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final InstantSource clock;
    private final PhoneDisplay phones;
    private final int lastContacts;
    private final Set<String> negativeReplies;

    private AgentMailingExport(Builder b) {
        this.clock = b.clock;
        this.phones = b.phones;
        this.lastContacts = b.lastContacts;
        this.negativeReplies = Set.copyOf(b.negativeReplies);
    }

    /**
     * Starts a builder.
     *
     * @param clock the clock that dates the export (days past due are counted to its today)
     * @return the builder
     */
    public static Builder builder(InstantSource clock) {
        return new Builder(clock);
    }

    /**
     * Builds the list.
     *
     * @param journeys  the journeys to look at (e.g. {@code store.query(...)})
     * @param customers finds a customer by id
     * @return the interested journeys with the agent's context, most recent interest first
     */
    public AgentMailing export(Collection<Journey> journeys, Function<String, Optional<Customer>> customers) {
        Objects.requireNonNull(journeys, "journeys");
        Objects.requireNonNull(customers, "customers");
        Instant now = clock.instant();
        List<MailingEntry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Journey journey : journeys) {
            Optional<HistoryEntry> signal = interest(journey);
            if (signal.isEmpty() || !qualifies(journey)) {
                continue;
            }
            Optional<Customer> customer = customers.apply(journey.customerId());
            if (customer.isEmpty()) {
                skipped.add("journey " + journey.id() + ": customer '" + journey.customerId() + "' not found");
                continue;
            }
            Optional<ContactPoint> phone = customer.get().first(ContactPoint.Type.PHONE)
                    .or(() -> customer.get().first(ContactPoint.Type.WHATSAPP));
            if (phone.isEmpty()) {
                skipped.add("journey " + journey.id() + ": customer '" + journey.customerId() + "' has no phone");
                continue;
            }
            HistoryEntry s = signal.get();
            Long dpd = journey.subject() instanceof Debt debt
                    ? debt.daysPastDue(now.atZone(journey.zone()).toLocalDate()) : null;
            entries.add(new MailingEntry(journey.customerId(), customer.get().name(),
                    phones == PhoneDisplay.FULL ? phone.get().value() : Masking.phone(phone.get().value()),
                    journey.subject().key(), journey.cadenceId(), journey.subject().value().orElse(null), dpd,
                    kind(s), detail(s), s.at(), contacts(journey)));
        }
        entries.sort(Comparator.comparing(MailingEntry::interestAt).reversed().thenComparing(MailingEntry::customerId)
                .thenComparing(MailingEntry::subjectKey));
        return new AgentMailing(entries, skipped);
    }

    private boolean qualifies(Journey journey) {
        JourneyStatus status = journey.status();
        if (status == JourneyStatus.CONVERTED || status == JourneyStatus.SUPPRESSED || status == JourneyStatus.EXITED) {
            return false;
        }
        if (status == JourneyStatus.PAUSED && Reasons.PROMISE_TO_PAY.equals(journey.statusReason())) {
            return false;
        }
        return journey.history().stream()
                .noneMatch(e -> e.kind() == HistoryEntry.Kind.EVENT && DISQUALIFYING_EVENTS.contains(e.reason()));
    }

    /** The strongest signal; the latest among equals. */
    private Optional<HistoryEntry> interest(Journey journey) {
        HistoryEntry best = null;
        for (HistoryEntry e : journey.history()) {
            if (isRefusal(e)) {
                best = null; // a later "no" / stop word cancels the interest shown before it
                continue;
            }
            Interest kind = kindOrNull(e);
            if (kind != null && (best == null || kind.compareTo(kind(best)) <= 0)) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    private boolean isRefusal(HistoryEntry e) {
        return e.kind() == HistoryEntry.Kind.EVENT && "reply-received".equals(e.reason())
                && negativeReplies.contains(normalise(replyText(e.detail())));
    }

    private Interest kind(HistoryEntry e) {
        return Objects.requireNonNull(kindOrNull(e));
    }

    private Interest kindOrNull(HistoryEntry e) {
        if (e.kind() == HistoryEntry.Kind.SENT && e.channel() == Channel.AGENT && Reasons.BRANCH.equals(e.reason())) {
            return Interest.HAND_OFF;
        }
        if (e.kind() == HistoryEntry.Kind.EVENT && "reply-received".equals(e.reason())) {
            return negativeReplies.contains(normalise(replyText(e.detail()))) ? null : Interest.POSITIVE_REPLY;
        }
        if (e.kind() == HistoryEntry.Kind.EVENT && "link-clicked".equals(e.reason())) {
            return Interest.CLICK;
        }
        return null;
    }

    private String detail(HistoryEntry e) {
        return switch (kind(e)) {
            case HAND_OFF -> "queue " + e.detail().split(" ", 2)[0] + " from step " + e.stepId();
            case POSITIVE_REPLY -> "replied '" + replyText(e.detail()) + "'" + (e.channel() == null ? "" : " via " + e.channel());
            case CLICK -> e.detail().startsWith("click ") ? "clicked " + e.detail().substring(6).split(";", 2)[0] : e.detail();
        };
    }

    /** The reply text from the engine's history detail {@code reply 'TEXT'; event ID}. */
    private static String replyText(String detail) {
        int start = detail.indexOf('\'');
        int end = detail.lastIndexOf("'; event ");
        return start >= 0 && end > start ? detail.substring(start + 1, end) : detail;
    }

    private static String normalise(String reply) {
        String plain = Normalizer.normalize(reply, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.strip().replaceAll("[\\s.!]+", " ").strip().toUpperCase(Locale.ROOT);
    }

    private String contacts(Journey journey) {
        List<HistoryEntry> sent = journey.entries(HistoryEntry.Kind.SENT);
        return sent.subList(Math.max(0, sent.size() - lastContacts), sent.size()).stream()
                .map(e -> WHEN.format(e.at().atZone(journey.zone())) + " " + e.channel() + " " + e.stepId())
                .collect(Collectors.joining("; "));
    }

    /** Configures an export; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final InstantSource clock;
        private PhoneDisplay phones = PhoneDisplay.MASKED;
        private int lastContacts = 3;
        private Set<String> negativeReplies = DEFAULT_NEGATIVE_REPLIES;

        private Builder(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** Masked (default) or full phone numbers. */
        public Builder phones(PhoneDisplay display) {
            this.phones = Objects.requireNonNull(display, "display");
            return this;
        }

        /** How many of the last contacts to summarise (default 3). */
        public Builder lastContacts(int count) {
            if (count < 0 || count > 20) {
                throw new IllegalArgumentException("mailing last contacts must be between 0 and 20, but was " + count);
            }
            this.lastContacts = count;
            return this;
        }

        /** Replies that do not count as interest, replacing {@link #DEFAULT_NEGATIVE_REPLIES}; compared without accents, upper-case. */
        public Builder negativeReplies(Set<String> replies) {
            this.negativeReplies = replies.stream().map(AgentMailingExport::normalise).collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /** The export. */
        public AgentMailingExport build() {
            return new AgentMailingExport(this);
        }
    }
}
