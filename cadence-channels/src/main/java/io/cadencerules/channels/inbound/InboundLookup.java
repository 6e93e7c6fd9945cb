package io.cadencerules.channels.inbound;

import io.cadencerules.cadence.Branch;
import io.cadencerules.cadence.BranchAction;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.CadenceKind;
import io.cadencerules.channels.address.Masking;
import io.cadencerules.channels.address.PhoneCheck;
import io.cadencerules.channels.address.PhoneNumbers;
import io.cadencerules.channels.template.PtBr;
import io.cadencerules.customer.Debt;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.Reasons;
import io.cadencerules.store.JourneyQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inbound IVR lookup (URA receptiva): given the calling number, finds the customer's live journeys
 * and suggests where the call should go. Read-only: it neither records the call nor changes a
 * journey — once the customer is identified, send an {@code InboundContact} event (channel
 * {@code OUTBOUND_IVR} or {@code AGENT} as the application models its IVR) so the cadences can
 * react.
 *
 * <p>Finding the customer: the number is normalised with {@link PhoneNumbers} (national forms such as
 * {@code (11) 98765-4321} are accepted), then looked up in a {@link PhoneDirectory} — the engine has
 * no phone index; its store is queried by customer id. A shared number gives every owner's journeys.
 *
 * <p>Most urgent first: a pending hand-off to an agent; then a journey whose last contact's step has
 * a hand-off branch (the customer is likely calling about it); then higher cadence priority; then
 * collection before other kinds; then the oldest due date; then the most recent last contact.
 *
 * <p>Routing, from the most urgent journey: {@link Routing.Kind#AGENT_QUEUE} for a pending hand-off or
 * a last contact with a hand-off branch (its queue); {@link Routing.Kind#PAYMENT_PROMPT} for a
 * collection journey about a debt; otherwise {@link Routing.Kind#SELF_SERVICE}. It is a suggestion:
 * it knows nothing of agent capacity or opening hours.
 */
public final class InboundLookup {

    private final CadenceEngine engine;
    private final PhoneDirectory directory;
    private final PhoneNumbers phones;

    private InboundLookup(CadenceEngine engine, PhoneDirectory directory, PhoneNumbers phones) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.phones = Objects.requireNonNull(phones, "phones");
    }

    /**
     * A lookup over an engine's journeys with Brazilian number handling.
     *
     * @param engine    the engine (its journeys and cadences are read)
     * @param directory the phone → customer index
     * @return the lookup
     */
    public static InboundLookup of(CadenceEngine engine, PhoneDirectory directory) {
        return new InboundLookup(engine, directory, PhoneNumbers.standard());
    }

    /**
     * A lookup with its own number parsing (another default region, other DDD data).
     *
     * @param engine    the engine
     * @param directory the phone → customer index
     * @param phones    the number parser
     * @return the lookup
     */
    public static InboundLookup of(CadenceEngine engine, PhoneDirectory directory, PhoneNumbers phones) {
        return new InboundLookup(engine, directory, phones);
    }

    /**
     * What the journeys of the caller want.
     *
     * @param callingNumber the number the call came from (E.164 or a national form); blank for a hidden number
     * @return the answer; never throws for a bad or hidden number (the answer says why nothing was found)
     */
    public InboundAnswer lookup(String callingNumber) {
        if (callingNumber == null || callingNumber.isBlank()) {
            return new InboundAnswer(callingNumber, "", List.of(), List.of(),
                    new Routing(Routing.Kind.SELF_SERVICE, "", "the calling number is hidden"), "the calling number is hidden");
        }
        PhoneCheck check = phones.check(callingNumber);
        if (!check.valid()) {
            return new InboundAnswer(callingNumber, "", List.of(), List.of(),
                    new Routing(Routing.Kind.SELF_SERVICE, "", "the calling number is not valid"), check.maskedMessage());
        }
        String e164 = check.e164();
        List<String> customers = List.copyOf(new java.util.LinkedHashSet<>(directory.customerIds(e164)));
        if (customers.isEmpty()) {
            return new InboundAnswer(callingNumber, e164, customers, List.of(), new Routing(Routing.Kind.SELF_SERVICE, "",
                    "no customer is known for " + Masking.phone(e164)), "");
        }
        List<LiveJourney> live = new ArrayList<>();
        for (String customerId : customers) {
            for (Journey j : engine.journeys(new JourneyQuery(customerId, null, null, JourneyQuery.DEFAULT_LIMIT))) {
                if (j.isLive()) {
                    live.add(describe(j));
                }
            }
        }
        live.sort(URGENCY);
        return new InboundAnswer(callingNumber, e164, customers, live, route(live, customers), "");
    }

    private LiveJourney describe(Journey j) {
        Optional<Cadence> cadence = engine.cadence(j.cadenceId(), j.cadenceVersion());
        HistoryEntry last = j.lastContact().orElse(null);
        String pending = null;
        String branchQueue = null;
        if (cadence.isPresent()) {
            Cadence c = cadence.get();
            int index = j.nextStep() >= 0 ? j.nextStep() : j.cursor();
            if (index >= 0 && index < c.steps().size()) {
                pending = c.steps().get(index).id();
            }
            if (last != null && !Reasons.BRANCH.equals(last.reason()) && last.stepId() != null) {
                branchQueue = c.step(last.stepId()).flatMap(step -> step.branches().stream()
                        .map(Branch::action)
                        .filter(BranchAction.HandOff.class::isInstance)
                        .map(a -> ((BranchAction.HandOff) a).queue())
                        .findFirst()).orElse(null);
            }
        }
        return new LiveJourney(j.id(), cadence.map(Cadence::kind).orElse(new CadenceKind("UNKNOWN")),
                cadence.map(Cadence::priority).orElse(0), j.status(), j.subject(), last, pending, j.dueAt(), j.handOff(),
                branchQueue);
    }

    private static final Comparator<LiveJourney> URGENCY = Comparator
            .comparing((LiveJourney l) -> l.handOffQueue() == null)
            .thenComparing(l -> l.lastContactHandOffQueue() == null)
            .thenComparing(LiveJourney::priority, Comparator.reverseOrder())
            .thenComparing(l -> !l.kind().equals(CadenceKind.COLLECTION))
            .thenComparing(l -> l.subject().dueDate().orElse(LocalDate.MAX))
            .thenComparing(l -> l.last().map(HistoryEntry::at).orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(l -> l.id().toString());

    private static Routing route(List<LiveJourney> live, List<String> customers) {
        if (live.isEmpty()) {
            return new Routing(Routing.Kind.SELF_SERVICE, "", "no live journey for customer(s) " + customers);
        }
        LiveJourney top = live.get(0);
        if (top.handOffQueue() != null) {
            return new Routing(Routing.Kind.AGENT_QUEUE, top.handOffQueue(),
                    "journey " + top.id() + " has a pending hand-off to queue '" + top.handOffQueue() + "'");
        }
        if (top.lastContactHandOffQueue() != null) {
            HistoryEntry last = top.lastContact();
            return new Routing(Routing.Kind.AGENT_QUEUE, top.lastContactHandOffQueue(),
                    "journey " + top.id() + " last contacted the customer by " + last.channel() + " (step '" + last.stepId()
                            + "' at " + last.at() + "), whose answer hands off to queue '" + top.lastContactHandOffQueue() + "'");
        }
        if (top.kind().equals(CadenceKind.COLLECTION) && top.subject() instanceof Debt debt) {
            return new Routing(Routing.Kind.PAYMENT_PROMPT, debt.key(), "collection journey " + top.id() + ": "
                    + PtBr.money(debt.amount()) + " due " + PtBr.date(debt.due()));
        }
        return new Routing(Routing.Kind.SELF_SERVICE, "", "journey " + top.id() + " asks for no particular route");
    }
}
