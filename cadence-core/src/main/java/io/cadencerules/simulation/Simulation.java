package io.cadencerules.simulation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.engine.Proposal;
import io.cadencerules.event.Conversion;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.Event;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.PromiseToPay;
import io.cadencerules.event.ReplyReceived;
import io.cadencerules.event.SurveyAnswered;
import io.cadencerules.journey.Journey;
import io.cadencerules.policy.CostTable;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.testkit.VirtualClock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs simulated people through the real engine on a virtual clock: the same pipeline, rules, contact
 * policy and budget you configure for production, with simulated channels that record every contact and
 * a {@link Behaviour} that answers them (deliveries, calls answered, key presses, replies, clicks,
 * payments, promises, purchases, opt-outs, survey scores). Deterministic: the same seed and configuration
 * give an equal {@link SimulationReport}.
 *
 * <pre>{@code
 * SimulationResult result = Simulation.builder()
 *         .customers(10_000).days(60).seed(42)
 *         .cadences(collection)
 *         .challenger("sms-first", 0.5, collectionV2)       // optional champion/challenger split
 *         .engine(b -> b.policy(policy).budget(budget.caps()))
 *         .progress(Progress.console(System.out))
 *         .build()
 *         .run();
 * System.out.print(ReportTable.render(result.report()));
 * }</pre>
 *
 * <p>How time moves: the clock jumps to the earlier of the store's next due journey and the next
 * simulated answer, hands due answers to the engine as events, then calls {@code runDue()}; contacts made
 * are answered by the behaviour, each answer queued at its own instant. Deliveries and answered calls are
 * counted but not sent to the engine; failed deliveries and unanswered calls are (as {@code MessageFailed}),
 * so retries and fallbacks run as in production.
 */
public final class Simulation {

    /** Monday 2 March 2026, 09:00 in São Paulo: the default first instant. */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T12:00:00Z");

    private static final long PLAN_SALT = 0x5CE7A210L;
    private static final long REACT_SALT = 0x4EAC7L;
    private static final long SPLIT_SALT = 0x5B117L;

    private final Builder config;
    private final List<Cadence> champion;
    private final List<Cadence> challenger;
    private final Map<String, SurveyAnswered.Survey> surveys;

    private Simulation(Builder b) {
        this.config = b.copy();
        this.champion = List.copyOf(b.champion);
        this.challenger = b.replacements == null ? null : merge(b.champion, b.replacements);
        this.surveys = Map.copyOf(b.surveys);
    }

    /** A builder: 10,000 people, 60 days, seed 42, the standard population, behaviour and cost table. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs the simulation; each call is a new, independent run with a new engine. */
    public SimulationResult run() {
        return new Run().execute();
    }

    private static List<Cadence> merge(List<Cadence> champion, List<Cadence> replacements) {
        Map<String, Cadence> byId = new LinkedHashMap<>();
        champion.forEach(c -> byId.put(c.id(), c));
        replacements.forEach(c -> byId.put(c.id(), c));
        return List.copyOf(byId.values());
    }

    static long mix(long seed, long salt, long index) {
        long z = seed ^ (salt * 0x9E3779B97F4A7C15L) + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Something queued for an instant: an answer, a planned event or enrolment. */
    private record Pending(Instant at, long seq, Runnable action) {
    }

    /** What a person owes or bought on one subject. */
    private static final class Account {
        long balanceCents;
        boolean converted;
        Instant promiseUntil = Instant.MIN;

        Account(long balanceCents) {
            this.balanceCents = balanceCents;
        }
    }

    /** One run: its clock, engine, people and queue. */
    private final class Run implements Scenario.Plan {
        private final VirtualClock clock = new VirtualClock(config.start);
        private final Instant end = config.start.plus(Duration.ofDays(config.days));
        private final ZoneId zone = config.zone;
        private final int n = config.customers;
        private final SimulatedCustomer[] people = new SimulatedCustomer[n];
        private final SplittableRandom[] randoms = new SplittableRandom[n];
        private final byte[] variantOf = new byte[n];
        private final Map<String, Integer> indexById = new HashMap<>(n * 2);
        private final Map<String, Account> accounts = new HashMap<>();
        private final PriorityQueue<Pending> queue = new PriorityQueue<>(
                Comparator.comparing(Pending::at).thenComparingLong(Pending::seq));
        private final List<ContactRequest> contacts = new ArrayList<>();
        private final List<Dispatch> dispatches = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();
        private final List<List<Cadence>> variants = new ArrayList<>();
        private final KpiCollector kpis;
        private final CadenceEngine engine;
        private long seq;
        private long eventIds;
        private long providerIds;
        private long processed;
        private long sent;
        private int planning = -1;

        Run() {
            variants.add(champion);
            if (challenger != null) {
                variants.add(challenger);
            }
            LocalDate firstDay = config.start.atZone(zone).toLocalDate();
            kpis = new KpiCollector(variants.size(), this::variantOf, this::cadenceOf, firstDay, zone, config.days);
            CadenceEngine.Builder builder = CadenceEngine.builder();
            config.engine.accept(builder);
            builder.clock(clock).instanceId("simulation").listener(kpis);
            for (Channel channel : Channel.values()) {
                builder.channel(channel, new SimulatedChannel(channel));
            }
            engine = builder.build();
            for (List<Cadence> cadences : variants) {
                cadences.forEach(engine::register);
            }
        }

        private int variantOf(String customerId) {
            Integer i = indexById.get(customerId);
            return i == null ? -1 : variantOf[i];
        }

        private Cadence cadenceOf(Journey journey) {
            return engine.cadence(journey.cadenceId(), journey.cadenceVersion()).orElseThrow(() -> new IllegalStateException(
                    "journey " + journey.id() + " runs cadence version " + journey.cadenceVersion() + ", which is not registered"));
        }

        SimulationResult execute() {
            long started = config.wallClock.getAsLong();
            SplittableRandom split = new SplittableRandom(mix(config.seed, SPLIT_SALT, 0));
            for (int i = 0; i < n; i++) {
                SimulatedCustomer person = config.population.person(i, config.seed, config.start);
                people[i] = person;
                if (indexById.put(person.id(), i) != null) {
                    throw new IllegalStateException("the population gave customer id " + person.id() + " twice");
                }
                randoms[i] = new SplittableRandom(mix(config.seed, REACT_SALT, i));
                variantOf[i] = (byte) (challenger != null && split.nextDouble() < config.challengerShare ? 1 : 0);
            }
            for (int i = 0; i < n; i++) {
                planning = i;
                config.scenario.plan(people[i], variants.get(variantOf[i]), this, new SplittableRandom(mix(config.seed, PLAN_SALT, i)));
            }
            planning = -1;
            answerContacts();

            int day = 0;
            int stalls = 0;
            while (true) {
                Instant now = clock.instant();
                Instant due = engine.store().nextDue().orElse(null);
                Instant next = queue.isEmpty() ? due : due == null || queue.peek().at().isBefore(due) ? queue.peek().at() : due;
                if (next == null || next.isAfter(end)) {
                    break;
                }
                if (next.isAfter(now)) {
                    clock.set(next);
                    stalls = 0;
                } else if (++stalls > 3) {
                    clock.set(now.plusSeconds(60)); // a journey due now that runDue did not take: move on
                    stalls = 0;
                }
                int today = (int) Math.min(config.days, Duration.between(config.start, clock.instant()).toDays());
                for (; day < today; day++) {
                    config.progress.update(new Progress.Snapshot(day + 1, config.days, processed, sent,
                            config.wallClock.getAsLong() - started, false));
                }
                while (!queue.isEmpty() && !queue.peek().at().isAfter(clock.instant())) {
                    queue.poll().action().run();
                    answerContacts();
                }
                Instant dueNow = engine.store().nextDue().orElse(null);
                if (dueNow != null && !dueNow.isAfter(clock.instant())) {
                    int done = engine.runDue();
                    processed += done;
                    if (done > 0) {
                        stalls = 0;
                    }
                    answerContacts();
                }
            }
            clock.set(end);
            long elapsed = config.wallClock.getAsLong() - started;
            config.progress.update(new Progress.Snapshot(config.days, config.days, processed, sent, elapsed, true));
            return new SimulationResult(report(), engine, dispatches, events, elapsed);
        }

        private SimulationReport report() {
            java.util.Set<String> ids = new java.util.TreeSet<>();
            variants.forEach(cadences -> cadences.forEach(c -> ids.add(c.id())));
            List<List<Journey>> journeys = new ArrayList<>();
            int[] members = new int[variants.size()];
            for (int v = 0; v < variants.size(); v++) {
                journeys.add(new ArrayList<>());
            }
            for (String id : ids) {
                for (Journey journey : engine.journeys(JourneyQuery.byCadence(id).limit(Integer.MAX_VALUE))) {
                    journeys.get(variantOf(journey.customerId())).add(journey);
                }
            }
            for (byte b : variantOf) {
                members[b]++;
            }
            String[] names = {config.championName, config.challengerName};
            List<SimulationReport.Variant> out = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++) {
                out.add(kpis.variant(v, names[v], variants.get(v), members[v], journeys.get(v)));
            }
            return new SimulationReport(config.title, config.seed, n, config.days, config.start.atZone(zone).toLocalDate(),
                    zone.getId(), config.costs.currency().getCurrencyCode(), out);
        }

        // ---- Scenario.Plan -------------------------------------------------------------------------

        @Override
        public Instant start() {
            return config.start;
        }

        @Override
        public Instant end() {
            return end;
        }

        @Override
        public void enrol(Instant at, Cadence cadence, Subject subject) {
            Objects.requireNonNull(cadence, "cadence");
            Objects.requireNonNull(subject, "subject");
            SimulatedCustomer person = planned();
            later(at, () -> engine.enroll(person.customer(), subject, cadence));
        }

        @Override
        public void event(Event event) {
            Objects.requireNonNull(event, "event");
            planned();
            later(event.occurredAt(), () -> send(event));
        }

        @Override
        public void inbound(Event event) {
            Objects.requireNonNull(event, "event");
            SimulatedCustomer person = planned();
            later(event.occurredAt(), () -> {
                List<Proposal> offers = sendInbound(person, event);
                if (offers.isEmpty()) {
                    return;
                }
                Proposal best = offers.get(0);
                int v = variantOf[person.index()];
                boolean taken = randoms[person.index()].nextDouble() < Math.min(1.0, best.propensity() * person.responsiveness());
                kpis.offer(v, taken);
                if (taken) {
                    kpis.revenue(v, best.value(), clock.instant());
                    send(new CustomEvent(nextEventId(), clock.instant(), person.id(), event.subjectKey(), "offer-accepted",
                            JsonNodeFactory.instance.objectNode().put("offer", best.code())));
                }
            });
        }

        @Override
        public void inbound(Event event, Cadence followUp, java.util.function.Function<Proposal, Subject> subjectOf) {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(followUp, "followUp");
            Objects.requireNonNull(subjectOf, "subjectOf");
            SimulatedCustomer person = planned();
            kpis.offerCadence(followUp.id());
            later(event.occurredAt(), () -> {
                List<Proposal> offers = sendInbound(person, event);
                if (!offers.isEmpty()) {
                    kpis.offerMade(variantOf[person.index()]);
                    engine.enroll(person.customer(), subjectOf.apply(offers.get(0)), followUp);
                }
            });
        }

        /** Sends an inbound event; the ranked offers on it (those of the journeys it reached, else the customer's). */
        private List<Proposal> sendInbound(SimulatedCustomer person, Event event) {
            EventReceipt receipt = send(event);
            return receipt.outcome() == EventReceipt.Outcome.APPLIED && !receipt.offers().isEmpty()
                    ? receipt.offers() : engine.offers(person.customer(), event);
        }

        @Override
        public String nextEventId() {
            return "sim-" + (++eventIds);
        }

        private SimulatedCustomer planned() {
            if (planning < 0) {
                throw new IllegalStateException("a scenario may plan only inside Scenario.plan");
            }
            return people[planning];
        }

        private void later(Instant at, Runnable action) {
            Instant when = at.isBefore(clock.instant()) ? clock.instant() : at;
            if (!when.isAfter(end)) {
                queue.add(new Pending(when, seq++, action));
            }
        }

        // ---- contacts and answers ------------------------------------------------------------------

        /** The simulated provider of one channel: records, charges the cost table's price, accepts. */
        private final class SimulatedChannel implements ChannelAdapter {
            private final Channel channel;
            private final Money cost;

            SimulatedChannel(Channel channel) {
                this.channel = channel;
                this.cost = config.costs.entry(channel, CostTable.DEFAULT_PROVIDER).isPresent()
                        ? config.costs.estimate(channel) : Money.zero(config.costs.currency());
            }

            @Override
            public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
                contacts.add(request);
                sent++;
                if (config.record) {
                    dispatches.add(new Dispatch(clock.instant(), request, cost, variantOf(request.customer().id())));
                }
                return CompletableFuture.completedFuture(DispatchResult.accepted("sim-" + channel.name().toLowerCase(java.util.Locale.ROOT)
                        + "-" + (++providerIds), cost));
            }
        }

        private void answerContacts() {
            while (!contacts.isEmpty()) {
                List<ContactRequest> batch = new ArrayList<>(contacts);
                contacts.clear();
                for (ContactRequest request : batch) {
                    answer(request);
                }
            }
        }

        private void answer(ContactRequest request) {
            Integer index = indexById.get(request.customer().id());
            if (index == null) {
                return;
            }
            SimulatedCustomer person = people[index];
            int v = variantOf[index];
            Cadence cadence = cadence(v, request.journeyId().cadenceId());
            Step step = cadence.step(request.stepId()).orElseThrow(() -> new IllegalStateException(
                    "cadence " + cadence.id() + " has no step '" + request.stepId() + "' that the engine contacted for"));
            ZoneId local = person.customer().zone().orElse(zone);
            Exposure exposure = new Exposure(request, cadence, step, person,
                    LocalDateTime.ofInstant(request.requestedAt(), local), surveys.get(cadence.id() + "/" + step.id()));
            for (Outcome outcome : config.behaviour.react(exposure, randoms[index])) {
                later(request.requestedAt().plus(outcome.after()), () -> apply(person, v, cadence, request, outcome));
            }
        }

        private Cadence cadence(int v, String id) {
            for (Cadence c : variants.get(v)) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
            return engine.latestCadence(id).orElseThrow(() -> new IllegalStateException("cadence '" + id + "' is not registered"));
        }

        private void apply(SimulatedCustomer person, int v, Cadence cadence, ContactRequest request, Outcome outcome) {
            Instant now = clock.instant();
            String customer = person.id();
            String subject = request.subject().key();
            Channel channel = request.channel();
            String step = request.stepId();
            if (outcome instanceof Outcome.Delivered || outcome instanceof Outcome.Answered) {
                kpis.delivered(v, cadence.id(), step, channel);
            } else if (outcome instanceof Outcome.Undelivered u) {
                send(new MessageFailed(nextEventId(), now, customer, subject, channel, request.idempotencyKey(), u.reason(), u.permanent()));
            } else if (outcome instanceof Outcome.Unanswered) {
                send(new MessageFailed(nextEventId(), now, customer, subject, channel, request.idempotencyKey(), "no-answer", false));
            } else if (outcome instanceof Outcome.KeyPress k) {
                kpis.responded(v, cadence.id(), step, channel);
                send(new KeyPressed(nextEventId(), now, customer, subject, k.digit()));
            } else if (outcome instanceof Outcome.Reply r) {
                kpis.responded(v, cadence.id(), step, channel);
                send(new ReplyReceived(nextEventId(), now, customer, subject, channel, r.text()));
            } else if (outcome instanceof Outcome.Click c) {
                kpis.responded(v, cadence.id(), step, channel);
                send(new LinkClicked(nextEventId(), now, customer, subject, c.link()));
            } else if (outcome instanceof Outcome.SurveyScore s) {
                kpis.responded(v, cadence.id(), step, channel);
                kpis.survey(v, s.survey(), s.score());
                // the raw answer first (the cadence may branch on it), then the answer as the survey's event
                if (channel == Channel.SMS || channel == Channel.TWO_WAY_SMS || channel == Channel.WHATSAPP) {
                    String text = s.survey() == SurveyAnswered.Survey.FCR ? (s.score() == 1 ? "SIM" : "NAO")
                            : Integer.toString(s.score());
                    send(new ReplyReceived(nextEventId(), now, customer, subject, channel, text));
                } else if (channel == Channel.OUTBOUND_IVR && s.score() <= 9) {
                    send(new KeyPressed(nextEventId(), now, customer, subject, (char) ('0' + s.score())));
                }
                send(new SurveyAnswered(nextEventId(), now, customer, subject, s.survey(), s.score()));
            } else if (outcome instanceof Outcome.OptedOut) {
                kpis.optedOut(v);
                if (channel == Channel.SMS || channel == Channel.TWO_WAY_SMS || channel == Channel.WHATSAPP) {
                    send(new ReplyReceived(nextEventId(), now, customer, subject, channel, "PARAR"));
                } else {
                    send(new OptOut(nextEventId(), now, customer, null, channel));
                }
            } else if (outcome instanceof Outcome.Converted) {
                convert(person, v, cadence, request, false);
            } else if (outcome instanceof Outcome.PartialPayment p) {
                Account account = account(request);
                long part = Math.round(account.balanceCents * p.share());
                if (cadence.purpose() == Purpose.COLLECTION && part > 0 && part < account.balanceCents) {
                    account.balanceCents -= part;
                    kpis.responded(v, cadence.id(), step, channel);
                    Money amount = money(part, request.subject());
                    kpis.payment(v, amount.amount(), false, now);
                    send(new PaymentReceived(nextEventId(), now, customer, subject, amount, false));
                }
            } else if (outcome instanceof Outcome.Promise p) {
                promise(person, v, cadence, request, p);
            }
        }

        private void convert(SimulatedCustomer person, int v, Cadence cadence, ContactRequest request, boolean promised) {
            Instant now = clock.instant();
            Account account = account(request);
            if (account.converted) {
                return;
            }
            if (!promised) {
                kpis.responded(v, cadence.id(), request.stepId(), request.channel());
            }
            if (cadence.purpose() == Purpose.COLLECTION) {
                if (account.balanceCents <= 0) {
                    return;
                }
                Money amount = money(account.balanceCents, request.subject());
                account.balanceCents = 0;
                account.converted = true;
                kpis.payment(v, amount.amount(), true, now);
                if (promised) {
                    kpis.promise(v, true);
                }
                send(new PaymentReceived(nextEventId(), now, person.id(), request.subject().key(), amount, true));
            } else {
                account.converted = true;
                Money value = request.subject().value().orElse(null);
                if (value != null) {
                    kpis.revenue(v, value.amount(), now);
                }
                send(new Conversion(nextEventId(), now, person.id(), request.subject().key(), cadence.id(), value));
            }
        }

        private void promise(SimulatedCustomer person, int v, Cadence cadence, ContactRequest request, Outcome.Promise p) {
            Instant now = clock.instant();
            Account account = account(request);
            if (cadence.purpose() != Purpose.COLLECTION || account.balanceCents <= 0 || account.promiseUntil.isAfter(now)) {
                return;
            }
            ZoneId local = person.customer().zone().orElse(zone);
            LocalDate by = now.atZone(local).toLocalDate().plusDays(p.days());
            Instant deadline = by.atTime(18, 0).atZone(local).toInstant();
            account.promiseUntil = by.plusDays(1).atStartOfDay(local).toInstant();
            kpis.responded(v, cadence.id(), request.stepId(), request.channel());
            kpis.promise(v, false);
            send(new PromiseToPay(nextEventId(), now, person.id(), request.subject().key(), by,
                    money(account.balanceCents, request.subject())));
            if (p.kept() && deadline.isAfter(now)) {
                long window = Math.max(1, Duration.between(now, deadline).toMinutes());
                Instant pays = now.plus(Duration.ofMinutes(1 + randoms[person.index()].nextLong(window)));
                later(pays, () -> convert(person, v, cadence, request, true));
            }
        }

        private Account account(ContactRequest request) {
            Subject subject = request.subject();
            return accounts.computeIfAbsent(request.customer().id() + '\u0000' + subject.key(),
                    k -> new Account(subject.value().map(m -> m.amount().movePointRight(2).setScale(0, RoundingMode.HALF_UP)
                            .longValueExact()).orElse(0L)));
        }

        private Money money(long cents, Subject subject) {
            return new Money(BigDecimal.valueOf(cents, 2),
                    subject.value().map(Money::currency).orElse(config.costs.currency()));
        }

        private EventReceipt send(Event event) {
            if (config.record) {
                events.add(event);
            }
            return engine.handle(event);
        }
    }

    /** Builds a {@link Simulation}; {@link #build()} may be called more than once. */
    public static final class Builder {
        private String title = "Simulation";
        private int customers = 10_000;
        private int days = 60;
        private long seed = 42;
        private Instant start = DEFAULT_START;
        private ZoneId zone = ZoneId.of("America/Sao_Paulo");
        private Population population = Population.builder().build();
        private Scenario scenario = Scenario.enrolAtStart();
        private final List<Cadence> champion = new ArrayList<>();
        private String championName = "champion";
        private String challengerName = "challenger";
        private List<Cadence> replacements;
        private double challengerShare;
        private Consumer<CadenceEngine.Builder> engine = b -> {
        };
        private Behaviour behaviour;
        private CostTable costs;
        private final Map<String, SurveyAnswered.Survey> surveys = new LinkedHashMap<>();
        private boolean record;
        private Progress progress = Progress.none();
        private LongSupplier wallClock = System::nanoTime;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.title = title;
            b.customers = customers;
            b.days = days;
            b.seed = seed;
            b.start = start;
            b.zone = zone;
            b.population = population;
            b.scenario = scenario;
            b.champion.addAll(champion);
            b.championName = championName;
            b.challengerName = challengerName;
            b.replacements = replacements;
            b.challengerShare = challengerShare;
            b.engine = engine;
            b.behaviour = behaviour == null ? BehaviourTable.standard() : behaviour;
            b.costs = costs == null ? CostTable.standard() : costs;
            b.surveys.putAll(surveys);
            b.record = record;
            b.progress = progress;
            b.wallClock = wallClock;
            return b;
        }

        /** The report's title; default "Simulation". */
        public Builder title(String title) {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank, but was '" + title + "'");
            }
            this.title = title;
            return this;
        }

        /** How many people; default 10,000. */
        public Builder customers(int customers) {
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be at least 1, but was " + customers);
            }
            this.customers = customers;
            return this;
        }

        /** How many virtual days; default 60. */
        public Builder days(int days) {
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("days must be between 1 and 3650, but was " + days);
            }
            this.days = days;
            return this;
        }

        /** The seed of every random draw (people, answers, the champion/challenger split); default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The first instant; default {@link #DEFAULT_START}. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** The zone days are counted in for the daily series; default America/Sao_Paulo. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Who is simulated; default {@code Population.builder().build()}. */
        public Builder population(Population population) {
            this.population = Objects.requireNonNull(population, "population");
            return this;
        }

        /** How people enter cadences; default {@link Scenario#enrolAtStart()}. */
        public Builder scenario(Scenario scenario) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            return this;
        }

        /** The cadences everyone runs (the champion's, in a champion/challenger run). */
        public Builder cadences(Cadence... cadences) {
            return cadences(List.of(cadences));
        }

        /** The cadences everyone runs (the champion's, in a champion/challenger run). */
        public Builder cadences(List<Cadence> cadences) {
            if (cadences.isEmpty()) {
                throw new IllegalArgumentException("a simulation needs at least one cadence");
            }
            champion.clear();
            champion.addAll(cadences);
            return this;
        }

        /**
         * Splits the population at random: a {@code share} of people (drawn with the seed) runs the challenger,
         * which is the champion's cadences with {@code replacements} in place of those of the same id (another
         * version, typically). The report then has two variants, side by side.
         */
        public Builder challenger(String name, double share, Cadence... replacements) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("challenger name must not be blank, but was '" + name + "'");
            }
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException("challenger share must be within (0, 1), but was " + share);
            }
            if (replacements.length == 0) {
                throw new IllegalArgumentException("challenger '" + name + "' needs at least one cadence");
            }
            if (this.replacements != null) {
                throw new IllegalStateException("a simulation has one challenger; '" + challengerName + "' is already set");
            }
            this.challengerName = name;
            this.challengerShare = share;
            this.replacements = List.of(replacements);
            return this;
        }

        /** The champion's name in the report; default "champion". */
        public Builder championName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("champion name must not be blank, but was '" + name + "'");
            }
            this.championName = name;
            return this;
        }

        /**
         * Configures the engine as in production (rules, contact policy, budget, zones…). The simulation adds
         * the clock, a listener and the channels: do not add channels here.
         */
        public Builder engine(Consumer<CadenceEngine.Builder> configure) {
            this.engine = Objects.requireNonNull(configure, "configure");
            return this;
        }

        /** How people answer; default {@link BehaviourTable#standard()}. */
        public Builder behaviour(Behaviour behaviour) {
            this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        /** What the simulated providers charge per contact; default {@link CostTable#standard()}. */
        public Builder costs(CostTable costs) {
            this.costs = Objects.requireNonNull(costs, "costs");
            return this;
        }

        /** Marks a step as asking a survey question: its answers become {@link SurveyAnswered} events. */
        public Builder survey(String cadenceId, String stepId, SurveyAnswered.Survey survey) {
            Objects.requireNonNull(survey, "survey");
            if (surveys.putIfAbsent(cadenceId + "/" + stepId, survey) != null) {
                throw new IllegalStateException("step '" + stepId + "' of cadence '" + cadenceId + "' already asks a survey");
            }
            return this;
        }

        /** Keeps every dispatch and event in the result (for audits); default off, to save memory on large runs. */
        public Builder recordDispatches(boolean record) {
            this.record = record;
            return this;
        }

        /** Hears the run's progress; default none. */
        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The wall clock for progress rates and the elapsed time, in nanoseconds; default {@code System::nanoTime}. */
        public Builder wallClock(LongSupplier nanos) {
            this.wallClock = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        /**
         * The simulation.
         *
         * @throws IllegalStateException if no cadence was given
         */
        public Simulation build() {
            if (champion.isEmpty()) {
                throw new IllegalStateException("a simulation needs cadences: call cadences(..) before build()");
            }
            return new Simulation(this);
        }
    }
}
