package io.cadencerules.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.EventWatcher;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.Event;
import io.cadencerules.event.InboundContact;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.ReplyReceived;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.policy.PolicyPack.OutsideWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contact policy: may we contact this person now, this way? One stage of the decision pipeline
 * and an event watcher; register it with {@code CadenceEngine.builder().policy(policy)} (a policy
 * stage that is also a watcher is registered as both).
 *
 * <p>For each contact it applies every {@link PolicyPack} in force for any of the person's
 * {@link Locality localities}, in this order, and records the first "no" with the rule and pack
 * version that caused it:
 * <ol>
 *   <li>account notices: a cease request, death, bankruptcy or complaint ends the journey;</li>
 *   <li>suppression lists covering the purpose and channel (a stale list stops the contact too);</li>
 *   <li>opt-outs and consent per channel and purpose (the latest record wins);</li>
 *   <li>quiet days after a conversation;</li>
 *   <li>frequency caps over rolling windows, per person or per person and subject, across all
 *       cadences and channels;</li>
 *   <li>allowed hours in the person's local time, intersected over all their candidate zones;
 *       outside them the contact is deferred to the next allowed instant or dropped.</li>
 * </ol>
 * The checks on shared state (notices, opt-outs, conversations, caps) are made again at
 * {@link #admit} and the attempt is reserved in the {@link ContactLedger} atomically, so journeys
 * of one person decided together, or on two threads, never break a cap together.
 *
 * <p>As a watcher it records opt-out events, replies with a stop keyword, account notices and
 * conversations (an answered agent call, an inbound call), and ends or pauses the person's journeys
 * as configured by {@link Builder#onNotice}.
 */
public final class ContactPolicy implements DecisionStage, EventWatcher {

    private static final int SEARCH_DAYS = 15;

    private final PolicyPacks packs;
    private final HolidayCalendar holidays;
    private final LocalityResolver localities;
    private final ContactLedger ledger;
    private final List<SuppressionList> lists;
    private final Map<String, OutsideWindow> outsideWindowByCadence;
    private final Map<AccountNotice.Kind, NoticeRule> notices;
    private final boolean failClosed;
    private final Map<String, CompiledPack> compiled;
    private final Set<String> allKeywords;
    private final Cache<Customer, List<Locality>> placeCache = Caffeine.newBuilder().weakKeys()
            .maximumSize(200_000).executor(Runnable::run).build();
    private final ConcurrentHashMap<LocalDate, List<CompiledPack>> inForce = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<JourneyId, ContactEntry.Attempt> reserved = new ConcurrentHashMap<>();

    private ContactPolicy(Builder b) {
        this.packs = b.packs != null ? b.packs : PolicyPacks.standard();
        this.holidays = b.holidays != null ? b.holidays : HolidayCalendar.standard();
        this.localities = b.localities != null ? b.localities
                : LocalityResolver.explicit("BR", ZoneId.of("America/Sao_Paulo"));
        this.ledger = ledger(b.ledger, packs);
        this.lists = List.copyOf(b.lists);
        this.outsideWindowByCadence = Map.copyOf(b.outsideWindow);
        this.notices = Map.copyOf(b.notices);
        this.failClosed = b.failClosed;
        Map<String, CompiledPack> map = new LinkedHashMap<>();
        Set<String> keywords = new LinkedHashSet<>();
        for (PolicyPack pack : packs.all()) {
            try {
                holidays.holidays(pack.effectiveFrom().getYear(), pack.jurisdiction().country(), "");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("policy pack " + pack.label() + " is for country "
                        + pack.jurisdiction().country() + ", which the holiday calendar does not know: " + e.getMessage(), e);
            }
            CompiledPack c = new CompiledPack(pack);
            map.put(pack.label(), c);
            keywords.addAll(c.keywords);
        }
        this.compiled = Map.copyOf(map);
        this.allKeywords = Set.copyOf(keywords);
    }

    /**
     * The given ledger, or a new in-memory one; a ledger that forgets must keep attempts and
     * conversations as long as the longest cap or quiet period looks back, or it would forget them.
     */
    private static ContactLedger ledger(ContactLedger given, PolicyPacks packs) {
        Duration needed = Duration.ZERO;
        String rule = null;
        for (PolicyPack pack : packs.all()) {
            for (PolicyPack.CapRule cap : pack.caps()) {
                if (cap.window().compareTo(needed) > 0) {
                    needed = cap.window();
                    rule = pack.label() + "/" + cap.id();
                }
            }
            for (PolicyPack.QuietRule quiet : pack.quietAfterConversation()) {
                Duration days = Duration.ofDays(quiet.days() + 1L); // calendar days in the person's zone
                if (days.compareTo(needed) > 0) {
                    needed = days;
                    rule = pack.label() + "/" + quiet.id();
                }
            }
        }
        if (given == null) {
            Duration standard = Duration.ofDays(35);
            return new InMemoryContactLedger(needed.compareTo(standard) > 0 ? needed : standard);
        }
        Duration kept = given.retention();
        if (kept != null && kept.compareTo(needed) < 0) {
            throw new IllegalArgumentException("contact ledger retention must cover rule " + rule + " of " + needed
                    + ", but was " + kept);
        }
        return given;
    }

    /** Starts a policy with the shipped packs and holidays. */
    public static Builder builder() {
        return new Builder();
    }

    /** The ledger this policy counts in (for reports and tests). */
    public ContactLedger ledger() {
        return ledger;
    }

    /** The places the policy considers for the customer, most reliable first. */
    public List<Locality> localitiesOf(Customer customer) {
        return placeCache.get(customer, c -> {
            List<Locality> found = localities.localities(c);
            if (found == null || found.isEmpty()) {
                throw new IllegalStateException("locality resolver " + localities + " found no place for customer '" + c.id() + "'");
            }
            return List.copyOf(found);
        });
    }

    // ------------------------------------------------------------------ decisions

    @Override
    public Verdict decide(StepContext contact) {
        Context c = context(contact);
        if (c.packs.isEmpty()) {
            return failClosed ? Verdict.block(PolicyReasons.NO_POLICY_PACK, "no policy pack covers " + describe(c.places))
                    : Verdict.proceed();
        }
        Verdict v = inWindow(c, shared(c, ledger.entries(contact.customer().id())));
        if (v == null) {
            v = suppression(c);
        }
        if (v == null) {
            v = window(c);
        }
        return v == null ? Verdict.proceed() : v;
    }

    @Override
    public Verdict admit(StepContext contact, Money estimate) {
        Context c = context(contact);
        if (c.packs.isEmpty()) {
            return failClosed ? Verdict.block(PolicyReasons.NO_POLICY_PACK, "no policy pack covers " + describe(c.places))
                    : Verdict.proceed();
        }
        ContactEntry.Attempt attempt = new ContactEntry.Attempt(contact.now(), contact.action().channel(),
                contact.cadence().purpose(), contact.journey().subject().key(),
                contact.journey().id() + "/" + contact.step().id() + "/" + contact.attempt());
        Verdict refusal = ledger.reserve(contact.customer().id(), attempt, entries -> shared(c, entries));
        if (refusal != null) {
            return inWindow(c, refusal);
        }
        reserved.put(contact.journey().id(), attempt);
        return Verdict.proceed();
    }

    @Override
    public void settle(StepContext contact, DispatchResult result) {
        ContactEntry.Attempt attempt = reserved.remove(contact.journey().id());
        if (attempt != null && !(result instanceof DispatchResult.Accepted) && !(result instanceof DispatchResult.Unknown)) {
            ledger.cancel(contact.customer().id(), attempt); // not placed; an unknown outcome may have been, so it counts
        }
    }

    /**
     * The checks on what the ledger says, which can change between a batch decision and the dispatch.
     * A hand-off the person asked for (a response branch: "press 1 to talk to us", a reply "QUERO")
     * is not held back by frequency caps or the quiet time after a conversation: it continues the
     * contact the person answered, it is not a new attempt to reach them. Notices, consent and
     * opt-outs still apply, as do the hours and suppression lists.
     */
    private Verdict shared(Context c, List<ContactEntry> entries) {
        Verdict v = notices(c, entries);
        if (v == null) {
            v = permission(c, entries);
        }
        if (v == null && !c.contact.handOff()) {
            v = quiet(c, entries);
            if (v == null) {
                v = caps(c, entries);
            }
        }
        return v;
    }

    private Verdict notices(Context c, List<ContactEntry> entries) {
        for (ContactEntry e : entries) {
            if (e instanceof ContactEntry.Notice notice) {
                NoticeRule rule = notices.get(notice.kind());
                if (rule != null && rule.action != Directive.Action.PAUSE && rule.covers(notice, c.journey(), c.purpose)) {
                    return new Verdict.Stop(rule.action == Directive.Action.SUPPRESS ? JourneyStatus.SUPPRESSED : JourneyStatus.EXITED,
                            rule.reason, notice.kind() + " notice " + notice.eventId() + " at " + notice.at());
                }
            }
        }
        return null;
    }

    private Verdict suppression(Context c) {
        Optional<ContactPoint> address = c.contact.address();
        for (SuppressionList list : lists) {
            if (!list.purposes().contains(c.purpose) || !list.channels().contains(c.channel)) {
                continue;
            }
            if (c.contact.now().isAfter(list.refreshedAt().plus(list.maxAge()))) {
                return Verdict.skipRoute(PolicyReasons.SUPPRESSION_LIST_STALE, "list " + list.name() + " refreshed "
                        + list.refreshedAt() + " is older than " + list.maxAge());
            }
            if (address.isPresent()) {
                Optional<Instant> since = list.registeredAt(address.get().value());
                if (since.isPresent() && !since.get().plus(list.grace()).isAfter(c.contact.now())) {
                    return Verdict.skipRoute(PolicyReasons.SUPPRESSED, "list " + list.name() + " since " + since.get());
                }
            }
        }
        return null;
    }

    /** Opt-outs and consents: the latest record for the channel and purpose wins; some need a grant. */
    private Verdict permission(Context c, List<ContactEntry> entries) {
        Instant latestAt = null;
        boolean granted = false;
        String source = "";
        for (Consent consent : c.contact.customer().consents()) {
            if (Media.same(consent.channel(), c.channel) && consent.purpose() == c.purpose
                    && (latestAt == null || !consent.recordedAt().isBefore(latestAt))) {
                latestAt = consent.recordedAt();
                granted = consent.granted();
                source = (consent.granted() ? "consent " : "refusal ") + consent.channel() + " " + consent.purpose();
            }
        }
        for (ContactEntry e : entries) {
            if (e instanceof ContactEntry.OptOut out && (out.channel() == null || Media.same(out.channel(), c.channel))
                    && (out.purpose() == null || out.purpose() == c.purpose)
                    && (latestAt == null || !out.at().isBefore(latestAt))) {
                latestAt = out.at();
                granted = false;
                source = "opt-out " + out.source();
            }
        }
        if (latestAt != null && !granted) {
            return Verdict.skipRoute(PolicyReasons.OPTED_OUT, source + " at " + latestAt);
        }
        if (!granted) {
            for (CompiledPack pack : c.packs) {
                for (CompiledPack.Consent rule : pack.consents) {
                    if (rule.purposes().contains(c.purpose) && rule.channels().contains(c.channel)) {
                        return Verdict.skipRoute(PolicyReasons.NO_CONSENT, "rule " + pack.label() + "/" + rule.id()
                                + " needs a consent for " + c.channel + " " + c.purpose);
                    }
                }
            }
        }
        return null;
    }

    private Verdict quiet(Context c, List<ContactEntry> entries) {
        Instant until = null;
        String why = null;
        for (CompiledPack pack : c.packs) {
            for (CompiledPack.Quiet rule : pack.quiets) {
                if (!rule.purposes().contains(c.purpose) || !rule.channels().contains(c.channel)) {
                    continue;
                }
                for (ContactEntry e : entries) {
                    if (e instanceof ContactEntry.Conversation talk && (rule.per() == PolicyPack.Per.PERSON
                            || talk.subjectKey() == null || talk.subjectKey().equals(c.journey().subject().key()))) {
                        for (Locality place : c.places) {
                            // the conversation day is day 1: quiet until the start of day (1 + days)
                            Instant end = talk.at().atZone(place.zone()).toLocalDate().plusDays(rule.days())
                                    .atStartOfDay(place.zone()).toInstant();
                            if (end.isAfter(c.contact.now()) && (until == null || end.isAfter(until))) {
                                until = end;
                                why = "rule " + pack.label() + "/" + rule.id() + ": conversation at " + talk.at();
                            }
                        }
                    }
                }
            }
        }
        return until == null ? null : Verdict.defer(until, PolicyReasons.QUIET_AFTER_CONVERSATION, why);
    }

    private Verdict caps(Context c, List<ContactEntry> entries) {
        Instant until = null;
        String why = null;
        Instant now = c.contact.now();
        for (CompiledPack pack : c.packs) {
            for (CompiledPack.Cap rule : pack.caps) {
                if (!rule.purposes().contains(c.purpose) || !rule.channels().contains(c.channel)) {
                    continue;
                }
                Instant from = now.minus(rule.window());
                List<Instant> counted = new ArrayList<>();
                for (ContactEntry e : entries) {
                    // an attempt after now counts too: another thread or node, its clock a little ahead, reserved it
                    if (e instanceof ContactEntry.Attempt a && a.at().isAfter(from)
                            && rule.channels().contains(a.channel()) && rule.purposes().contains(a.purpose())
                            && (rule.per() == PolicyPack.Per.PERSON || a.subjectKey().equals(c.journey().subject().key()))) {
                        counted.add(a.at());
                    }
                }
                if (counted.size() >= rule.max()) {
                    counted.sort(null);
                    Instant free = counted.get(counted.size() - rule.max()).plus(rule.window());
                    if (until == null || free.isAfter(until)) {
                        until = free;
                        why = "rule " + pack.label() + "/" + rule.id() + ": " + counted.size() + " of " + rule.max()
                                + " in " + rule.window();
                    }
                }
            }
        }
        return until == null ? null : Verdict.defer(until, PolicyReasons.FREQUENCY_CAP, why);
    }

    /**
     * A deferral by a cap or quiet days moved on to the first instant the windows allow from then, so
     * it never lands in closed hours (where a contact whose purpose drops outside them would be lost).
     */
    private Verdict inWindow(Context c, Verdict v) {
        if (!(v instanceof Verdict.Defer defer)) {
            return v;
        }
        Instant next = nextAllowed(constraints(c), defer.until());
        return next == null || !next.isAfter(defer.until()) ? v
                : Verdict.defer(next, defer.reason(), defer.detail() + "; then the next allowed hours");
    }

    /** Every matching window rule of every applicable pack, in every candidate zone. */
    private List<Constraint> constraints(Context c) {
        List<Constraint> constraints = new ArrayList<>();
        for (CompiledPack pack : c.packs) {
            for (CompiledPack.Window rule : pack.windows) {
                if (rule.purposes().contains(c.purpose) && rule.channels().contains(c.channel)) {
                    for (Locality place : c.places) {
                        constraints.add(new Constraint(pack, rule, place));
                    }
                }
            }
        }
        return constraints;
    }

    /** Allowed hours: every matching window rule of every applicable pack, in every candidate zone. */
    private Verdict window(Context c) {
        List<Constraint> constraints = constraints(c);
        Instant now = c.contact.now();
        Constraint failing = null;
        for (Constraint k : constraints) {
            if (!k.allows(now)) {
                failing = k;
                break;
            }
        }
        if (failing == null) {
            return null;
        }
        String why = "rule " + failing.pack.label() + "/" + failing.rule.id() + " in " + failing.place.zone()
                + " (" + failing.place.source() + ")";
        Instant next = nextAllowed(constraints, now);
        if (next == null) {
            return Verdict.block(PolicyReasons.NO_COMMON_WINDOW, why + ": the windows of " + describe(c.places)
                    + " never overlap in the next " + SEARCH_DAYS + " days");
        }
        OutsideWindow action = outsideWindow(c);
        return action == OutsideWindow.DROP
                ? Verdict.block(PolicyReasons.OUTSIDE_WINDOW, why + "; dropped (next allowed " + next + ")")
                : Verdict.defer(next, PolicyReasons.OUTSIDE_WINDOW, why);
    }

    /** The first instant from {@code t} that every constraint allows, or null within the search horizon. */
    private Instant nextAllowed(List<Constraint> constraints, Instant t) {
        Instant limit = t.plus(Duration.ofDays(SEARCH_DAYS));
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Constraint k : constraints) {
                Instant open = k.nextOpen(t, limit);
                if (open == null) {
                    return null;
                }
                if (open.isAfter(t)) {
                    t = open;
                    moved = true;
                }
            }
        }
        return t;
    }

    private OutsideWindow outsideWindow(Context c) {
        OutsideWindow byCadence = outsideWindowByCadence.get(c.contact.cadence().id());
        if (byCadence != null) {
            return byCadence;
        }
        for (CompiledPack pack : c.packs) {
            if (pack.pack.outsideWindow().get(c.purpose) == OutsideWindow.DROP) {
                return OutsideWindow.DROP;
            }
        }
        return OutsideWindow.DEFER;
    }

    /** One window rule in one place. */
    private final class Constraint {
        final CompiledPack pack;
        final CompiledPack.Window rule;
        final Locality place;

        /** The region the holiday calendar is asked about: the place's, if the calendar knows its state. */
        final String holidayRegion;

        Constraint(CompiledPack pack, CompiledPack.Window rule, Locality place) {
            this.pack = pack;
            this.rule = rule;
            this.place = place;
            int dash = place.region().indexOf('-');
            String state = dash < 0 ? place.region() : place.region().substring(0, dash);
            this.holidayRegion = holidays.regions(place.country()).contains(state) ? place.region() : "";
        }

        boolean allows(Instant t) {
            var local = t.atZone(place.zone());
            int minute = local.getHour() * 60 + local.getMinute();
            for (PolicyPack.TimeRange r : ranges(local.toLocalDate())) {
                if (minute >= r.startMinute() && minute < r.endMinute()) {
                    return true;
                }
            }
            return false;
        }

        /** The first instant at or after {@code t} inside one of the rule's ranges, or null before {@code limit}. */
        Instant nextOpen(Instant t, Instant limit) {
            LocalDate day = t.atZone(place.zone()).toLocalDate();
            for (int d = 0; d <= SEARCH_DAYS + 1; d++, day = day.plusDays(1)) {
                for (PolicyPack.TimeRange r : ranges(day)) {
                    Instant start = at(day, r.startMinute());
                    Instant end = at(day, r.endMinute());
                    if (end.isAfter(t)) {
                        Instant open = start.isAfter(t) ? start : t;
                        return open.isAfter(limit) ? null : open;
                    }
                }
                if (day.atStartOfDay(place.zone()).toInstant().isAfter(limit)) {
                    return null;
                }
            }
            return null;
        }

        private Instant at(LocalDate day, int minute) {
            return minute >= 1440 ? day.plusDays(1).atStartOfDay(place.zone()).toInstant()
                    : day.atTime(minute / 60, minute % 60).atZone(place.zone()).toInstant();
        }

        private List<PolicyPack.TimeRange> ranges(LocalDate day) {
            if (holidays.isHoliday(day, place.country(), holidayRegion)) {
                return rule.holidays();
            }
            return switch (day.getDayOfWeek()) {
                case SATURDAY -> rule.saturday();
                case SUNDAY -> rule.sunday();
                default -> rule.weekdays();
            };
        }
    }

    // ------------------------------------------------------------------ events

    @Override
    public boolean wants(Event event) {
        return event instanceof OptOut || event instanceof AccountNotice
                || event instanceof ReplyReceived reply && Keywords.match(reply.text(), allKeywords) != null
                || isConversation(event);
    }

    private static boolean isConversation(Event event) {
        return event instanceof CallOutcome call && call.result() == CallOutcome.Result.ANSWERED && call.channel() == Channel.AGENT
                || event instanceof InboundContact inbound && inbound.channel() != null && inbound.channel().isCall();
    }

    @Override
    public void observe(Event event, Optional<Customer> customer, Instant now) {
        String person = event.customerId();
        if (event instanceof OptOut out) {
            ledger.record(person, new ContactEntry.OptOut(event.occurredAt(), out.channel(), null, "event " + event.id()));
        } else if (event instanceof ReplyReceived reply) {
            String keyword = Keywords.match(reply.text(), allKeywords);
            if (keyword != null) {
                Channel channel = scope(customer, event.occurredAt()) == PolicyPack.OptOutScope.ALL_CHANNELS ? null : reply.channel();
                ledger.record(person, new ContactEntry.OptOut(event.occurredAt(), channel, null,
                        "reply '" + keyword + "' on " + reply.channel() + " (event " + event.id() + ")"));
            }
        } else if (event instanceof AccountNotice notice) {
            ledger.record(person, new ContactEntry.Notice(event.occurredAt(), notice.kind(), notice.subjectKey(), event.id()));
        } else if (isConversation(event)) {
            ledger.record(person, new ContactEntry.Conversation(event.occurredAt(), event.subjectKey(), event.id()));
        }
    }

    @Override
    public Directive directive(Event event, Journey journey, Cadence cadence) {
        if (!(event instanceof AccountNotice notice)) {
            return null;
        }
        NoticeRule rule = notices.get(notice.kind());
        ContactEntry.Notice entry = new ContactEntry.Notice(event.occurredAt(), notice.kind(), notice.subjectKey(), event.id());
        if (rule == null || !rule.covers(entry, journey, cadence.purpose())) {
            return null;
        }
        return new Directive(rule.action, rule.reason, notice.kind() + " notice " + event.id()
                + (notice.note().isEmpty() ? "" : ": " + notice.note()));
    }

    /** What a stop reply revokes: every channel if any pack that applies to the person says so (its channel when they cannot be placed). */
    private PolicyPack.OptOutScope scope(Optional<Customer> customer, Instant at) {
        List<CompiledPack> applicable = List.of();
        try {
            applicable = customer.isEmpty() ? List.of() : applicable(localitiesOf(customer.get()), at);
        } catch (RuntimeException e) {
            // the opt-out must still be recorded: the event is already marked as seen
        }
        for (CompiledPack pack : applicable) {
            if (pack.pack.optOutScope() == PolicyPack.OptOutScope.ALL_CHANNELS) {
                return PolicyPack.OptOutScope.ALL_CHANNELS;
            }
        }
        return PolicyPack.OptOutScope.CHANNEL;
    }

    // ------------------------------------------------------------------ places and packs

    private Context context(StepContext contact) {
        List<Locality> places = localitiesOf(contact.customer());
        return new Context(contact, places, applicable(places, contact.now()), contact.action().channel(),
                contact.cadence().purpose());
    }

    /** The packs in force (on the local date of the first place) that cover any of the places. */
    private List<CompiledPack> applicable(List<Locality> places, Instant at) {
        LocalDate day = at.atZone(places.get(0).zone()).toLocalDate();
        List<CompiledPack> inForceToday = inForce.get(day);
        if (inForceToday == null) {
            if (inForce.size() > 400) {
                inForce.clear(); // a long simulation walks through many days; keep the map small
            }
            inForceToday = inForce.computeIfAbsent(day, d -> packs.inForce(d).stream().map(p -> compiled.get(p.label())).toList());
        }
        List<CompiledPack> out = new ArrayList<>(inForceToday.size());
        for (CompiledPack pack : inForceToday) {
            for (Locality place : places) {
                if (pack.pack.jurisdiction().covers(place)) {
                    out.add(pack);
                    break;
                }
            }
        }
        return out;
    }

    private static String describe(List<Locality> places) {
        List<String> out = new ArrayList<>();
        for (Locality p : places) {
            out.add(p.country() + (p.region().isEmpty() ? "" : "-" + p.region()) + " " + p.zone()
                    + (p.source().isEmpty() ? "" : " (" + p.source() + ")"));
        }
        return String.join(", ", out);
    }

    private record Context(StepContext contact, List<Locality> places, List<CompiledPack> packs, Channel channel,
                           Purpose purpose) {
        Journey journey() {
            return contact.journey();
        }
    }

    /** Phone calls are one medium, SMS and two-way SMS another: an opt-out or consent on one covers the other. */
    static final class Media {
        private Media() {
        }

        static boolean same(Channel a, Channel b) {
            return a == b || a.isCall() && b.isCall()
                    || (a == Channel.SMS || a == Channel.TWO_WAY_SMS) && (b == Channel.SMS || b == Channel.TWO_WAY_SMS);
        }
    }

    /** What an account notice does to journeys: which purposes, and whether to end, suppress or pause them. */
    private record NoticeRule(Directive.Action action, Set<Purpose> purposes, boolean personWide, String reason) {
        boolean covers(ContactEntry.Notice notice, Journey journey, Purpose purpose) {
            return purposes.contains(purpose) && (personWide || notice.subjectKey() == null
                    || notice.subjectKey().equals(journey.subject().key()));
        }
    }

    @Override
    public String toString() {
        return "ContactPolicy" + packs.all().stream().map(PolicyPack::label).toList();
    }

    /** Builds a {@link ContactPolicy}; {@link #build()} may be called more than once. */
    public static final class Builder {
        private PolicyPacks packs;
        private HolidayCalendar holidays;
        private LocalityResolver localities;
        private ContactLedger ledger;
        private final List<SuppressionList> lists = new ArrayList<>();
        private final Map<String, OutsideWindow> outsideWindow = new LinkedHashMap<>();
        private final Map<AccountNotice.Kind, NoticeRule> notices = new EnumMap<>(AccountNotice.Kind.class);
        private final Set<AccountNotice.Kind> noticesSet = java.util.EnumSet.noneOf(AccountNotice.Kind.class);
        private boolean failClosed = true;
        private boolean failClosedSet;

        private Builder() {
            Set<Purpose> all = java.util.EnumSet.allOf(Purpose.class);
            Set<Purpose> collection = java.util.EnumSet.of(Purpose.COLLECTION);
            notices.put(AccountNotice.Kind.CEASE, new NoticeRule(Directive.Action.EXIT, collection, true, PolicyReasons.CEASE_REQUEST));
            notices.put(AccountNotice.Kind.DISPUTE, new NoticeRule(Directive.Action.PAUSE, collection, false, PolicyReasons.DISPUTE));
            notices.put(AccountNotice.Kind.DECEASED, new NoticeRule(Directive.Action.SUPPRESS, all, true, PolicyReasons.DECEASED));
            notices.put(AccountNotice.Kind.BANKRUPTCY, new NoticeRule(Directive.Action.EXIT, collection, true, PolicyReasons.BANKRUPTCY));
            notices.put(AccountNotice.Kind.COMPLAINT, new NoticeRule(Directive.Action.EXIT, all, true, PolicyReasons.COMPLAINT));
        }

        /** The packs; default {@link PolicyPacks#standard()}. */
        public Builder packs(PolicyPacks packs) {
            if (this.packs != null) {
                throw new IllegalStateException("policy packs are already set to " + this.packs);
            }
            this.packs = Objects.requireNonNull(packs, "packs");
            return this;
        }

        /** The holidays; default {@link HolidayCalendar#standard()} (facultative holidays on). */
        public Builder holidays(HolidayCalendar holidays) {
            if (this.holidays != null) {
                throw new IllegalStateException("the holiday calendar is already set");
            }
            this.holidays = Objects.requireNonNull(holidays, "holidays");
            return this;
        }

        /** Where people may be; default {@link LocalityResolver#explicit} in Brazil, São Paulo time. */
        public Builder localities(LocalityResolver resolver) {
            if (this.localities != null) {
                throw new IllegalStateException("the locality resolver is already set to " + this.localities);
            }
            this.localities = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The ledger of attempts, conversations, opt-outs and notices; default a new {@link InMemoryContactLedger}. */
        public Builder ledger(ContactLedger ledger) {
            if (this.ledger != null) {
                throw new IllegalStateException("the contact ledger is already set to " + this.ledger);
            }
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** A suppression list to honour; several may be added. */
        public Builder suppression(SuppressionList list) {
            Objects.requireNonNull(list, "list");
            for (SuppressionList l : lists) {
                if (l.name().equals(list.name())) {
                    throw new IllegalStateException("suppression list '" + list.name() + "' is already added");
                }
            }
            lists.add(list);
            return this;
        }

        /** Defer or drop this cadence's contacts outside the window, whatever the packs say for its purpose. */
        public Builder outsideWindow(String cadenceId, OutsideWindow action) {
            Objects.requireNonNull(action, "action");
            if (outsideWindow.putIfAbsent(Objects.requireNonNull(cadenceId, "cadenceId"), action) != null) {
                throw new IllegalStateException("cadence '" + cadenceId + "' already has outsideWindow " + outsideWindow.get(cadenceId));
            }
            return this;
        }

        /**
         * What a notice does to the person's journeys of these purposes. Defaults: a cease request
         * and a bankruptcy end every collection journey; a dispute pauses the disputed subject's
         * collection journey; a death suppresses, and a complaint ends, every journey.
         *
         * @param personWide true when it concerns every subject of the person, false for the notice's subject only
         */
        public Builder onNotice(AccountNotice.Kind kind, Directive.Action action, boolean personWide, Purpose... purposes) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(action, "action");
            if (purposes.length == 0) {
                throw new IllegalArgumentException("notice " + kind + " needs at least one purpose");
            }
            if (!noticesSet.add(kind)) {
                throw new IllegalStateException("notice " + kind + " is already configured");
            }
            notices.put(kind, new NoticeRule(action, java.util.EnumSet.of(purposes[0], purposes), personWide,
                    notices.get(kind).reason()));
            return this;
        }

        /**
         * Whether a person no pack covers may be contacted; default false: such contacts are blocked
         * ({@code no-policy-pack}), since the policy cannot tell which hours are lawful.
         */
        public Builder allowUncovered(boolean allow) {
            if (failClosedSet) {
                throw new IllegalStateException("allowUncovered is already set");
            }
            failClosedSet = true;
            this.failClosed = !allow;
            return this;
        }

        /** The policy; unset parts take their defaults. */
        public ContactPolicy build() {
            return new ContactPolicy(this);
        }
    }
}
