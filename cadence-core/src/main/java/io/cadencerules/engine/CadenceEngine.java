package io.cadencerules.engine;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.Event;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.store.InMemoryJourneyStore;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.store.JourneyStore;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;

/**
 * The cadence engine: enrols customers in cadences, runs due steps through the decision pipeline
 * (eligibility → contact policy → budget → dispatch → record), and applies events.
 *
 * <p>The engine never reads the system clock: time comes from the injected {@link InstantSource}.
 * It is thread-safe; within one engine, work on one journey is serialized, so concurrent
 * {@link #handle} and {@link #runDue} calls never double-send or lose an event. (Several engines
 * sharing one store coordinate through the store's leases and versions.) Listeners are called after
 * the journey's lock is released, so they may call the engine.
 *
 * <pre>{@code
 * CadenceEngine engine = CadenceEngine.builder()
 *     .clock(clock)
 *     .channel(Channel.SMS, smsAdapter)
 *     .channel(Channel.EMAIL, emailAdapter)
 *     .build();
 * engine.enroll(customer, debt, cardLate);
 * engine.runDue();              // call periodically, or let the application's scheduler do it
 * engine.handle(paymentEvent);  // from the payment system's callback
 * }</pre>
 */
public interface CadenceEngine {

    /** A builder with an in-memory store and no channels. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a cadence version so journeys and {@code startCadence} branches can use it. Registering
     * the same id and version again with an equal definition is a no-op.
     *
     * @throws IllegalStateException    if another definition has the same id and version, a step uses a
     *                                  channel with no adapter, a rule condition with no evaluator, or a
     *                                  branch starts an unregistered cadence
     * @throws IllegalArgumentException if a registered {@link CadenceValidator} refuses it (e.g. a template
     *                                  variable no one provides)
     */
    void register(Cadence cadence);

    /** The registered cadence version. */
    Optional<Cadence> cadence(String id, int version);

    /** The latest registered version of a cadence. */
    Optional<Cadence> latestCadence(String id);

    /**
     * Enrols a customer and subject in a cadence (registering it if needed). Idempotent: while a
     * journey for the same customer, subject and cadence is live, it is returned unchanged.
     *
     * @throws IllegalArgumentException if the cadence is anchored on a due date the subject lacks
     */
    EnrolResult enroll(Customer customer, Subject subject, Cadence cadence);

    /**
     * Applies an event to the customer's live journeys (those of its subject, if it names one).
     * Idempotent by event id. Never throws for bad input: malformed, future or unmatched events are
     * recorded as {@link Rejection}s and the receipt says why.
     */
    EventReceipt handle(Event event);

    /**
     * Ranked next-best-action proposals for a customer on an event, without applying the event to any
     * journey: for inbound interactions (the IVR or an agent asks "what do we offer now?"). Empty without
     * a {@code NextBestAction}.
     */
    List<Proposal> offers(Customer customer, Event event);

    /**
     * Parses an event from JSON (see {@code EventJson}) and applies it; malformed JSON is recorded
     * as a rejection naming the JSON path.
     */
    EventReceipt handleJson(String json);

    /**
     * Processes every journey due up to the clock's now, in batches, and returns how many were
     * processed. Call it periodically (every few seconds in production; after each virtual-clock
     * advance in tests).
     */
    int runDue();

    /** Pauses every journey of a cadence when it next comes due; new enrolments start paused. */
    void pauseCadence(String cadenceId);

    /** Resumes the journeys of a cadence paused by {@link #pauseCadence}. */
    void resumeCadence(String cadenceId);

    /** Pauses every journey of a customer when it next comes due. */
    void pauseCustomer(String customerId);

    /** Resumes the journeys of a customer paused by {@link #pauseCustomer}. */
    void resumeCustomer(String customerId);

    /**
     * Resumes one paused journey, whatever paused it (by hand, a pause event, a promise to pay).
     *
     * @return false if the journey is unknown or not paused
     */
    boolean resume(JourneyId id);

    /** The latest journey for a customer, subject and cadence. */
    Optional<Journey> journey(JourneyKey key);

    /** A journey by id. */
    Optional<Journey> journey(JourneyId id);

    /** Journeys matching a query (by status, cadence, customer). */
    List<Journey> journeys(JourneyQuery query);

    /** The history of the latest journey for a key, or an empty list. */
    default List<HistoryEntry> history(JourneyKey key) {
        return journey(key).map(Journey::history).orElse(List.of());
    }

    /** The most recent rejected inputs, oldest first. */
    List<Rejection> rejections();

    /** The store the engine uses. */
    JourneyStore store();

    /**
     * Builds a {@link CadenceEngine}. Everything is optional except the clock; {@link #build()} may
     * be called more than once and returns independent engines sharing the configured parts.
     */
    final class Builder {
        InstantSource clock;
        JourneyStore store;
        final Map<Channel, ChannelAdapter> adapters = new EnumMap<>(Channel.class);
        final List<DecisionStage> eligibilityStages = new ArrayList<>();
        final List<DecisionStage> policyStages = new ArrayList<>();
        final List<DecisionStage> budgetStages = new ArrayList<>();
        final List<CadenceListener> listeners = new ArrayList<>();
        final List<EventWatcher> watchers = new ArrayList<>();
        final List<Cadence> cadences = new ArrayList<>();
        ConditionEvaluator conditions;
        EnrolmentClassifier classifier;
        NextBestAction nextBestAction;
        Duration arbitrationWindow;
        final Map<String, StepPlanner> planners = new java.util.HashMap<>();
        final List<CadenceValidator> validators = new ArrayList<>();
        ZoneResolver zones;
        ZoneId defaultZone = ZoneId.of("America/Sao_Paulo");
        int batchSize = 500;
        Duration lease = Duration.ofSeconds(10);
        Duration dispatchTimeout = Duration.ofSeconds(30);
        Duration futureTolerance = Duration.ofMinutes(5);
        String instanceId;
        Executor executor;

        private static final AtomicInteger ENGINES = new AtomicInteger();

        Builder() {
        }

        /** The clock; required. A {@link java.time.Clock} is an {@link InstantSource}. */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The journey store; default a new {@link InMemoryJourneyStore}
         * ({@link io.cadencerules.store.CompactJourneyStore} holds large portfolios in less heap).
         */
        public Builder store(JourneyStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The adapter for a channel. */
        public Builder channel(Channel channel, ChannelAdapter adapter) {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(adapter, "adapter");
            if (adapters.putIfAbsent(channel, adapter) != null) {
                throw new IllegalStateException("channel " + channel + " already has an adapter");
            }
            return this;
        }

        /**
         * An eligibility stage (suppression, channel choice: e.g. the DRL rules); eligibility stages run
         * after the step's condition and before the policy stages, in the order added.
         */
        public Builder eligibility(DecisionStage stage) {
            eligibilityStages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        /**
         * At most one contact per customer per {@code window} across cadences: when several want the
         * customer, the highest cadence priority wins, then collection over transactional over
         * marketing; the others are deferred. Runs after the eligibility stages.
         */
        public Builder arbitration(Duration window) {
            if (arbitrationWindow != null) {
                throw new IllegalStateException("the arbitration window is already set to " + arbitrationWindow);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("arbitration window must be positive, but was " + window);
            }
            this.arbitrationWindow = window;
            return this;
        }

        /** A check every cadence must pass when registered (e.g. a template catalog). */
        public Builder validator(CadenceValidator validator) {
            validators.add(Objects.requireNonNull(validator, "validator"));
            return this;
        }

        /** The planner of a planned cadence (one whose steps are {@code planned()}), by cadence id. */
        public Builder planner(String cadenceId, StepPlanner planner) {
            Objects.requireNonNull(planner, "planner");
            if (planners.putIfAbsent(cadenceId, planner) != null) {
                throw new IllegalStateException("cadence '" + cadenceId + "' already has a planner");
            }
            return this;
        }

        /** Classifies each enrolment (segments, treatment path). */
        public Builder classifier(EnrolmentClassifier classifier) {
            if (this.classifier != null) {
                throw new IllegalStateException("an enrolment classifier is already set");
            }
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Proposes offers on each event (real-time next best action); they come back ranked in the receipt. */
        public Builder nextBestAction(NextBestAction advisor) {
            if (nextBestAction != null) {
                throw new IllegalStateException("a next-best-action advisor is already set");
            }
            this.nextBestAction = Objects.requireNonNull(advisor, "advisor");
            return this;
        }

        /**
         * A contact-policy stage; policy stages run after eligibility, in the order added. A stage
         * that is also an {@link EventWatcher} (such as {@code ContactPolicy}) is registered as a
         * watcher too, so it sees the opt-outs and notices it needs.
         */
        public Builder policy(DecisionStage stage) {
            policyStages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        /** A budget stage; budget stages run after the policy stages, in the order added. */
        public Builder budget(DecisionStage stage) {
            budgetStages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        /** The evaluator of named rule conditions ({@code .when(rule("..."))}). */
        public Builder conditions(ConditionEvaluator evaluator) {
            if (conditions != null) {
                throw new IllegalStateException("a condition evaluator is already set");
            }
            this.conditions = Objects.requireNonNull(evaluator, "evaluator");
            return this;
        }

        /** How customers' zones are chosen; default: the explicit zone, else {@link #defaultZone}. */
        public Builder zones(ZoneResolver resolver) {
            this.zones = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Zone for customers without one; default America/Sao_Paulo. */
        public Builder defaultZone(ZoneId zone) {
            this.defaultZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * A watcher that sees every event before the journeys do and may end or pause journeys
         * (a contact policy's opt-outs and cease requests); watchers are asked in the order added.
         */
        public Builder watcher(EventWatcher watcher) {
            watchers.add(Objects.requireNonNull(watcher, "watcher"));
            return this;
        }

        /** A listener of history entries and rejections. */
        public Builder listener(CadenceListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Cadences to register at build time (targets of {@code startCadence} first). */
        public Builder cadences(Cadence... toRegister) {
            cadences.addAll(List.of(toRegister));
            return this;
        }

        /** Journeys claimed per batch in {@link CadenceEngine#runDue()}; default 500. */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, but was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * How long a claimed journey is leased to this instance; default 10 seconds. While it works on a
         * batch the engine renews its leases when half of the lease has passed (also while it waits
         * for an adapter), so the lease bounds how long a stopped instance's journeys wait before
         * another instance takes them over, not how long a batch may take.
         */
        public Builder lease(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("lease must be positive, but was " + duration);
            }
            this.lease = duration;
            return this;
        }

        /** How long to wait for an adapter's answer before treating the dispatch as failed; default 30 s. */
        public Builder dispatchTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("dispatch timeout must be positive, but was " + timeout);
            }
            this.dispatchTimeout = timeout;
            return this;
        }

        /** Events dated further than this after the clock's now are rejected; default 5 minutes. */
        public Builder futureTolerance(Duration tolerance) {
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("future tolerance must not be negative, but was " + tolerance);
            }
            this.futureTolerance = tolerance;
            return this;
        }

        /** This instance's id, the owner of its leases; default "engine-{pid}-{n}". */
        public Builder instanceId(String id) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("instance id must not be blank, but was '" + id + "'");
            }
            this.instanceId = id;
            return this;
        }

        /**
         * Executor that processes the journeys of a claimed batch; default: the thread calling
         * {@code runDue} (deterministic). {@code runDue} returns when the whole batch is done.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The engine. */
        public CadenceEngine build() {
            if (clock == null) {
                throw new IllegalStateException(
                        "the engine needs a clock: the system UTC clock in production, a VirtualClock in tests");
            }
            DefaultCadenceEngine engine = new DefaultCadenceEngine(this,
                    store != null ? store : new InMemoryJourneyStore(),
                    instanceId != null ? instanceId
                            : "engine-" + ProcessHandle.current().pid() + "-" + ENGINES.incrementAndGet());
            for (Cadence cadence : cadences) {
                engine.register(cadence);
            }
            return engine;
        }
    }
}
