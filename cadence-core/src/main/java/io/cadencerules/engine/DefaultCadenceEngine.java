package io.cadencerules.engine;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Branch;
import io.cadencerules.cadence.BranchAction;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.cadence.Condition;
import io.cadencerules.cadence.Step;
import io.cadencerules.cadence.Timing;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.Event;
import io.cadencerules.event.EventType;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.PromiseToPay;
import io.cadencerules.event.Rejection;
import io.cadencerules.event.ReplyReceived;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.journey.Reasons;
import io.cadencerules.json.EventJson;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.store.JourneyStore;
import io.cadencerules.store.DispatchIntent;
import io.cadencerules.store.Lease;
import io.cadencerules.store.PriorDispatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/** The engine behind {@link CadenceEngine#builder()}. */
final class DefaultCadenceEngine implements CadenceEngine {

    private static final Logger log = LoggerFactory.getLogger(CadenceEngine.class);
    /** Bound on transitions of one journey within one runDue (resume → fire → skip …). */
    private static final int MAX_TRANSITIONS_PER_CLAIM = 64;
    private static final int STRIPES = 1024;

    private final InstantSource clock;
    private final JourneyStore store;
    private final Map<Channel, ChannelAdapter> adapters;
    private final List<DecisionStage> stages;
    private final ConditionEvaluator conditions;
    private final EnrolmentClassifier classifier;
    private final NextBestAction nextBestAction;
    private final Map<String, StepPlanner> planners;
    private final List<CadenceValidator> validators;
    private final ZoneResolver zones;
    private final List<CadenceListener> listeners;
    private final int batchSize;
    private final Duration lease;
    private final Duration dispatchTimeout;
    private final Duration futureTolerance;
    private final String instanceId;
    private final Executor executor;
    private final List<EventWatcher> watchers;

    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Integer, Cadence>> catalog = new ConcurrentHashMap<>();
    /** Journeys of claimed batches whose writes wait for the batch's write-back: events leave their due work to it. */
    private final Set<JourneyId> inFlight = ConcurrentHashMap.newKeySet();
    /** Journeys of an in-flight batch that an event on this instance wrote: their claimed copies are stale. */
    private final Set<JourneyId> writtenInFlight = ConcurrentHashMap.newKeySet();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** Listener calls made while a journey lock is held wait here until the lock is released. */
    private final ThreadLocal<List<Runnable>> deferred = ThreadLocal.withInitial(ArrayList::new);
    private final ThreadLocal<int[]> lockDepth = ThreadLocal.withInitial(() -> new int[1]);

    DefaultCadenceEngine(CadenceEngine.Builder b, JourneyStore store, String instanceId) {
        this.clock = b.clock;
        this.store = store;
        this.adapters = new EnumMap<>(b.adapters);
        List<DecisionStage> all = new ArrayList<>(b.eligibilityStages);
        if (b.arbitrationWindow != null) {
            all.add(new ArbitrationStage(b.arbitrationWindow, store));
        }
        all.addAll(b.policyStages);
        all.addAll(b.budgetStages);
        this.stages = List.copyOf(all);
        this.conditions = b.conditions;
        this.classifier = b.classifier;
        this.nextBestAction = b.nextBestAction;
        this.planners = Map.copyOf(b.planners);
        this.validators = List.copyOf(b.validators);
        ZoneId defaultZone = b.defaultZone;
        this.zones = b.zones != null ? b.zones : customer -> customer.zone().orElse(defaultZone);
        this.listeners = List.copyOf(b.listeners);
        List<EventWatcher> watching = new ArrayList<>(b.watchers);
        for (DecisionStage stage : all) {
            if (stage instanceof EventWatcher watcher && !watching.contains(watcher)) {
                watching.add(watcher); // a contact policy must see opt-outs even if only registered as a stage
            }
        }
        this.watchers = List.copyOf(watching);
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.dispatchTimeout = b.dispatchTimeout;
        this.futureTolerance = b.futureTolerance;
        this.instanceId = instanceId;
        this.executor = b.executor;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    // ------------------------------------------------------------------ cadences

    @Override
    public void register(Cadence cadence) {
        Cadence known = catalog.computeIfAbsent(cadence.id(), id -> new ConcurrentSkipListMap<>()).get(cadence.version());
        if (known == cadence) {
            return; // the usual case on every enrolment: no need to compare the whole definition
        }
        if (known != null) {
            if (!known.equals(cadence)) {
                throw new IllegalStateException("cadence '" + cadence.id() + "' version " + cadence.version()
                        + " is already registered with a different definition; bump the version");
            }
            return;
        }
        if (cadence.isPlanned() && !planners.containsKey(cadence.id())) {
            throw new IllegalStateException("cadence '" + cadence.id() + "' has planned steps, but no planner is registered "
                    + "for it: builder.planner(\"" + cadence.id() + "\", planner)");
        }
        for (Step step : cadence.steps()) {
            String where = "cadence '" + cadence.id() + "' step '" + step.id() + "'";
            requireAdapter(where, step.action().channel());
            for (ChannelAction fallback : step.fallbacks()) {
                requireAdapter(where + " fallback", fallback.channel());
            }
            if (step.condition() instanceof Condition.Rule rule && (conditions == null || !conditions.knows(rule.name()))) {
                throw new IllegalStateException(where + " uses rule condition '" + rule.name() + "', but "
                        + (conditions == null ? "no condition evaluator is registered" : "the condition evaluator does not know it"));
            }
            for (Branch branch : step.branches()) {
                if (branch.action() instanceof BranchAction.HandOff) {
                    requireAdapter(where + " hand-off", Channel.AGENT);
                }
                if (branch.action() instanceof BranchAction.StartCadence start && !catalog.containsKey(start.cadenceId())) {
                    throw new IllegalStateException(where + " starts cadence '" + start.cadenceId()
                            + "', which is not registered; register it first");
                }
            }
        }
        for (CadenceValidator validator : validators) {
            validator.validate(cadence);
        }
        catalog.get(cadence.id()).putIfAbsent(cadence.version(), cadence);
    }

    private void requireAdapter(String where, Channel channel) {
        if (!adapters.containsKey(channel)) {
            throw new IllegalStateException(where + " uses channel " + channel + ", but no adapter is registered for it");
        }
    }

    @Override
    public Optional<Cadence> cadence(String id, int version) {
        Map<Integer, Cadence> versions = catalog.get(id);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    @Override
    public Optional<Cadence> latestCadence(String id) {
        ConcurrentSkipListMap<Integer, Cadence> versions = catalog.get(id);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    private Cadence cadenceOf(Journey journey) {
        return cadence(journey.cadenceId(), journey.cadenceVersion()).orElseThrow(() -> new IllegalStateException(
                "journey " + journey.id() + " runs cadence version " + journey.cadenceVersion()
                        + ", which is not registered in this engine"));
    }

    // ------------------------------------------------------------------ enrolment

    @Override
    public EnrolResult enroll(Customer customer, Subject subject, Cadence cadence) {
        register(cadence);
        Instant now = clock.instant();
        JourneyKey key = new JourneyKey(customer.id(), subject.key(), cadence.id());
        if (cadence.anchor().type() == Anchor.Type.DUE_DATE && subject.dueDate().isEmpty()) {
            throw new IllegalArgumentException("cadence '" + cadence.id() + "' is anchored on the due date, but subject '"
                    + subject.key() + "' has none");
        }
        return locked(key, () -> {
            store.saveCustomer(customer);
            int run = 1;
            Optional<Journey> latest = store.latest(key);
            if (latest.isPresent()) {
                Journey previous = latest.get();
                if (previous.isLive()) {
                    return new EnrolResult(previous, EnrolResult.Outcome.ALREADY_ENROLLED);
                }
                if (!cadence.reEntry().allowed()) {
                    return new EnrolResult(previous, EnrolResult.Outcome.RE_ENTRY_NOT_ALLOWED);
                }
                if (now.isBefore(previous.endedAt().plus(cadence.reEntry().after()))) {
                    return new EnrolResult(previous, EnrolResult.Outcome.RE_ENTRY_TOO_SOON);
                }
                run = previous.id().run() + 1;
            }
            Journey journey = start(key.run(run), customer, subject, cadence, now);
            if (!store.insert(journey)) {
                Journey winner = store.latest(key).orElseThrow();
                return new EnrolResult(winner, EnrolResult.Outcome.ALREADY_ENROLLED);
            }
            notifyEntries(journey, 0);
            return new EnrolResult(journey, EnrolResult.Outcome.ENROLLED);
        });
    }

    private Journey start(JourneyId id, Customer customer, Subject subject, Cadence cadence, Instant now) {
        ZoneId zone = zones.zoneOf(customer);
        Instant anchorAt = switch (cadence.anchor().type()) {
            case DUE_DATE -> subject.dueDate().orElseThrow().atStartOfDay(zone).toInstant();
            case ENROLMENT -> now;
            case EVENT -> null;
        };
        Classification classification = classifier == null ? Classification.NONE
                : classifier.classify(customer, subject, cadence, now, zone);
        Set<String> segments = customer.segments();
        if (!classification.segments().isEmpty() || !classification.treatmentPath().isEmpty()) {
            segments = new java.util.HashSet<>(segments);
            segments.addAll(classification.segments());
            if (!classification.treatmentPath().isEmpty()) {
                segments.add(Classification.pathSegment(classification.treatmentPath()));
            }
        }
        Journey draft = new Journey(id, cadence.version(), subject, zone, JourneyStatus.ACTIVE, Reasons.ENROLLED, now,
                anchorAt, 0, cadence.nextTimed(0), -1, 0, 0, null, null, null, segments, List.of(), null, 0);
        Journey.Edit e = draft.edit();
        e.record(entry(now, Kind.ENROLLED, null, null, 0, Reasons.ENROLLED, classification.detail()));
        if (anchorAt != null && !cadence.isPlanned()) {
            skipStepsBeforeEnrolment(e, cadence, draft, now);
        }
        schedule(e, cadence, draft, anchorAt, now);
        if (pausedByHand(cadence.id(), customer.id())) {
            pauseManually(e, now);
        }
        return e.build();
    }

    private void skipStepsBeforeEnrolment(Journey.Edit e, Cadence cadence, Journey draft, Instant now) {
        while (e.cursor >= 0) {
            Step step = cadence.steps().get(e.cursor);
            Instant due = Timetable.dueOf(cadence, step, e.anchorAt, draft.zone(), e.anchorAt, 0);
            if (!Timetable.isStale(cadence, step, due, now, draft.zone())) {
                return;
            }
            e.record(entry(now, Kind.SKIPPED, step.id(), step.channel(), 0, Reasons.BEFORE_ENROLMENT, "was due " + due));
            e.cursor = cadence.nextTimed(e.cursor + 1);
        }
    }

    /** Points the pending action at the cursor's timed step, or waits for the horizon / anchor. */
    private void schedule(Journey.Edit e, Cadence cadence, Journey journey, Instant base, Instant now) {
        e.handOff = null;
        e.route = 0;
        if (e.anchorAt == null || (e.cursor < 0 && !cadence.isPlanned())) {
            waitForHorizon(e, cadence, journey, now);
            return;
        }
        if (cadence.isPlanned()) {
            PlannedStep plan = plan(e, cadence, journey, now);
            if (plan == null) {
                waitForHorizon(e, cadence, journey, now);
                return;
            }
            e.status = JourneyStatus.ACTIVE;
            e.nextStep = cadence.indexOf(plan.stepId());
            e.attempt = 1;
            e.dueAt = Timetable.plannedDue(plan, e.anchorAt, journey.zone(), e.delayDays);
            return;
        }
        Step step = cadence.steps().get(e.cursor);
        e.status = JourneyStatus.ACTIVE;
        e.nextStep = e.cursor;
        e.attempt = 1;
        e.dueAt = Timetable.dueOf(cadence, step, e.anchorAt, journey.zone(), base, e.delayDays);
    }

    /** Nothing left to send: the journey waits (for its anchor event, or conversions) until its horizon. */
    private static void waitForHorizon(Journey.Edit e, Cadence cadence, Journey journey, Instant now) {
        e.status = JourneyStatus.WAITING;
        e.nextStep = -1;
        e.attempt = 0;
        Instant end = Timetable.horizonEnd(cadence, journey, e.anchorAt, e.delayDays);
        e.dueAt = end.isBefore(now) ? now : end;
    }

    /** Asks a planned cadence's planner for the next step, given the journey as edited so far; null when done. */
    private PlannedStep plan(Journey.Edit e, Cadence cadence, Journey journey, Instant now) {
        Customer customer = store.customer(journey.customerId()).orElseThrow(() -> new IllegalStateException(
                "customer '" + journey.customerId() + "' of journey " + journey.id() + " is not in the store"));
        PlannedStep plan = planners.get(cadence.id()).next(e.build(), cadence, customer, now).orElse(null);
        if (plan != null) {
            int index = cadence.indexOf(plan.stepId());
            if (index < 0 || !(cadence.steps().get(index).timing() instanceof Timing.Planned)) {
                throw new IllegalStateException("the planner of cadence '" + cadence.id() + "' chose step '" + plan.stepId()
                        + "', which is not a planned step of the cadence");
            }
        }
        return plan;
    }

    // ------------------------------------------------------------------ due processing

    @Override
    public int runDue() {
        Instant now = clock.instant();
        int processed = 0;
        Set<JourneyId> stillDue = ConcurrentHashMap.newKeySet(); // rare: processed this run but due again at once
        boolean batched = store.batchesWriteBack();
        while (true) {
            Instant until = clock.instant().plus(lease);
            List<Journey> claimed = store.claimDue(now, batchSize, new Lease(instanceId, until));
            List<Journey> batch = claimed;
            if (!stillDue.isEmpty()) {
                batch = new ArrayList<>(claimed.size());
                for (Journey journey : claimed) {
                    if (stillDue.contains(journey.id())) {
                        store.release(journey.id(), instanceId); // processed once in this run already: the next run
                    } else {
                        batch.add(journey);
                    }
                }
            }
            if (batch.isEmpty()) {
                return processed;
            }
            Pass pass = new Pass(store, instanceId, clock, lease, batched, this::notifyWritten);
            pass.hold(batch, until);
            if (batched) {
                batch.forEach(j -> inFlight.add(j.id()));
            }
            Outcome[] decided;
            try {
                decided = decideBatch(batch, now);
                if (batched) {
                    pass.begin(intents(decided));
                    pass.checkVersions(batch);
                }
            } catch (RuntimeException e) {
                log.warn("batch decision failed; deciding each journey alone", e);
                decided = new Outcome[batch.size()];
            }
            if (executor == null) {
                for (int i = 0; i < batch.size(); i++) {
                    processClaimed(batch.get(i).id(), now, decided[i], stillDue, pass);
                }
            } else {
                List<CompletableFuture<Void>> all = new ArrayList<>(batch.size());
                Outcome[] outcomes = decided;
                List<Journey> claimedBatch = batch;
                for (int i = 0; i < batch.size(); i++) {
                    int k = i;
                    all.add(CompletableFuture.runAsync(
                            () -> processClaimed(claimedBatch.get(k).id(), now, outcomes[k], stillDue, pass), executor));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            }
            Map<JourneyId, Journey[]> lost;
            try {
                lost = pass.flush();
            } finally {
                batch.forEach(j -> {
                    inFlight.remove(j.id());
                    writtenInFlight.remove(j.id());
                });
            }
            lost.forEach((id, versions) -> redo(id, now, versions, stillDue));
            processed += batch.size();
        }
    }

    /**
     * Decides, for a claimed batch, the first route of every due step at once: one call per stage
     * for the whole batch (rule engines evaluate it in one session). The outcome is used only if the
     * journey is unchanged when its turn comes; otherwise it is decided again alone.
     */
    private Outcome[] decideBatch(List<Journey> batch, Instant now) {
        Set<String> customerIds = new java.util.HashSet<>();
        for (Journey journey : batch) {
            customerIds.add(journey.customerId());
        }
        Map<String, Customer> customers = store.customers(customerIds);
        List<Candidate> candidates = new ArrayList<>(batch.size());
        int[] position = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Candidate candidate = candidate(batch.get(i), customers.get(batch.get(i).customerId()), now);
            position[i] = candidate == null ? -1 : candidates.size();
            if (candidate != null) {
                candidates.add(candidate);
            }
        }
        List<Outcome> outcomes = evaluate(candidates);
        Outcome[] aligned = new Outcome[batch.size()];
        for (int i = 0; i < aligned.length; i++) {
            aligned[i] = position[i] < 0 ? null : outcomes.get(position[i]);
        }
        return aligned;
    }

    /** The first-route candidate of a journey whose pending step is due and would be decided now, or null. */
    private Candidate candidate(Journey journey, Customer customer, Instant now) {
        if (journey.status() != JourneyStatus.ACTIVE || journey.nextStep() < 0 || journey.dueAt() == null
                || journey.dueAt().isAfter(now) || pausedByHand(journey)) {
            return null;
        }
        Cadence cadence = cadence(journey.cadenceId(), journey.cadenceVersion()).orElse(null);
        if (cadence == null || customer == null) {
            return null;
        }
        Step step = cadence.steps().get(journey.nextStep());
        boolean handOff = journey.handOff() != null;
        if (!handOff && !step.isReaction() && Timetable.isStale(cadence, step, journey.dueAt(), now, journey.zone())) {
            return null;
        }
        ChannelAction action = actionFor(step, journey.route(), journey.handOff());
        return new Candidate(context(journey, cadence, step, action, customer, journey.attempt(), handOff, now),
                !handOff, journey.version());
    }

    /** The contacts a batch decision will offer unless something changes first: begun in the outbox together. */
    private List<DispatchIntent> intents(Outcome[] decided) {
        List<DispatchIntent> intents = new ArrayList<>(decided.length);
        for (Outcome outcome : decided) {
            if (outcome != null && outcome.refusal() == null && outcome.context().address().isPresent()
                    && adapters.containsKey(outcome.context().action().channel())) {
                StepContext c = outcome.context();
                intents.add(new DispatchIntent(c.idempotencyKey(), c.journey().id(), c.action().channel()));
            }
        }
        return intents;
    }

    private static ChannelAction actionFor(Step step, int route, String handOff) {
        return handOff != null ? new ChannelAction(Channel.AGENT, handOff, Map.of(), handOff)
                : route == 0 ? step.action() : step.fallbacks().get(route - 1);
    }

    /**
     * The condition (when asked) and every stage, for a list of candidates: each stage is called once
     * with all candidates it still has to decide. An override from a stage changes the action the
     * following stages see.
     */
    private List<Outcome> evaluate(List<Candidate> candidates) {
        int n = candidates.size();
        Verdict[] refusals = new Verdict[n];
        StepContext[] contexts = new StepContext[n];
        Money[] estimates = new Money[n];
        List<Integer> ruled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            contexts[i] = c.context();
            Condition condition = c.checkCondition() ? c.context().step().condition() : null;
            if (condition instanceof Condition.Segment segment) {
                StepContext ctx = c.context();
                if (!ctx.journey().segments().contains(segment.name()) && !ctx.customer().inSegment(segment.name())) {
                    refusals[i] = Verdict.skip(Reasons.CONDITION_NOT_MET, Describe.describe(condition));
                }
            } else if (condition instanceof Condition.Rule) {
                ruled.add(i);
            }
        }
        if (!ruled.isEmpty()) {
            List<String> names = new ArrayList<>(ruled.size());
            List<StepContext> asked = new ArrayList<>(ruled.size());
            for (int i : ruled) {
                names.add(((Condition.Rule) contexts[i].step().condition()).name());
                asked.add(contexts[i]);
            }
            boolean[] holds = conditions.testAll(names, asked);
            for (int k = 0; k < holds.length; k++) {
                if (!holds[k]) {
                    int i = ruled.get(k);
                    refusals[i] = Verdict.skip(Reasons.CONDITION_NOT_MET, Describe.describe(contexts[i].step().condition()));
                }
            }
        }
        double[] scores = new double[n];
        boolean[] shareWindow = new boolean[n];
        for (DecisionStage stage : stages) {
            List<Integer> open = new ArrayList<>(n);
            List<StepContext> asked = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (refusals[i] == null) {
                    open.add(i);
                    asked.add(contexts[i]);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            List<Verdict> verdicts;
            if (stage instanceof ArbitrationStage arbitration) {
                double[] openScores = new double[open.size()];
                boolean[] openShare = new boolean[open.size()];
                for (int k = 0; k < open.size(); k++) {
                    openScores[k] = scores[open.get(k)];
                    openShare[k] = shareWindow[open.get(k)];
                }
                verdicts = arbitration.decideAll(asked, openScores, openShare);
            } else {
                verdicts = asked.size() == 1 ? List.of(stage.decide(asked.get(0))) : stage.decideAll(asked);
            }
            if (verdicts.size() != asked.size()) {
                throw new IllegalStateException("stage " + stage + " returned " + verdicts.size() + " verdicts for "
                        + asked.size() + " candidates");
            }
            for (int k = 0; k < verdicts.size(); k++) {
                int i = open.get(k);
                Verdict verdict = verdicts.get(k);
                if (verdict instanceof Verdict.Proceed proceed) {
                    if (proceed.override() != null) {
                        contexts[i] = contexts[i].withAction(proceed.override(),
                                contexts[i].customer().first(proceed.override().channel().addressType()));
                    }
                    if (proceed.estimatedCost() != null) {
                        estimates[i] = proceed.estimatedCost();
                    }
                    scores[i] += proceed.score();
                    shareWindow[i] |= proceed.shareWindow();
                } else {
                    refusals[i] = Objects.requireNonNull(verdict, () -> "stage " + stage + " returned no verdict");
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outcomes.add(new Outcome(candidates.get(i).version(), refusals[i], contexts[i], estimates[i]));
        }
        return outcomes;
    }

    /** A candidate contact to decide: its context, whether the step's condition applies, the journey version. */
    private record Candidate(StepContext context, boolean checkCondition, long version) {
    }

    /** A decided candidate: a refusal, or the context (action, address) to send with its estimated cost. */
    private record Outcome(long version, Verdict refusal, StepContext context, Money estimate) {
    }

    /**
     * One journey of a claimed batch (on a batching store, its writes and lease go with the batch's
     * {@link Pass#flush}), from its claimed copy if that is still current: no other instance changed
     * it as of the pass's last version check, and no write on this instance since ({@link #writtenInFlight}).
     */
    private void processClaimed(JourneyId id, Instant now, Outcome decided, Set<JourneyId> stillDue, Pass pass) {
        locked(id.key(), () -> {
            pass.keepAlive();
            try {
                Journey claimed = pass.claimedCopy(id);
                Journey from = writtenInFlight.contains(id) ? null : claimed;
                if (!advanceWhileDue(id, from, now, decided, pass, new ArrayList<>())) {
                    stillDue.add(id);
                }
            } catch (RuntimeException e) {
                pass.drop(id);
                backOff(id, now, e, pass);
                stillDue.add(id);
            } finally {
                pass.finish(id);
            }
            return null;
        });
        pass.writeBackFinished();
    }

    /**
     * A journey whose batch write did not land (an event wrote it meanwhile): taken again alone, if no
     * other instance took it, and processed from what the store holds. Contacts the lost write
     * recorded were offered (their answers are in the outbox, so a new decision reaching them gets
     * the same answer without a second offer); any the journey no longer reaches are recorded anyway.
     */
    private void redo(JourneyId id, Instant now, Journey[] lost, Set<JourneyId> stillDue) {
        log.debug("journey {} changed while its batch was processed; processing it again", id);
        locked(id.key(), () -> {
            if (!store.claim(id, now, new Lease(instanceId, clock.instant().plus(lease)))) {
                return null; // another instance has it now
            }
            Pass alone = alone();
            try {
                if (!advanceWhileDue(id, null, now, null, alone, sentSince(lost[0], lost[1]))) {
                    stillDue.add(id);
                }
            } catch (RuntimeException e) {
                backOff(id, now, e, alone);
                stillDue.add(id);
            } finally {
                store.release(id, instanceId);
            }
            return null;
        });
    }

    /**
     * Records contacts that went out in the journey's history, unless already there (same time,
     * step, channel and attempt): a contact offered and then lost with its journey write (an event
     * wrote first, and the journey no longer reaches that step) is still history.
     */
    private void keepSent(JourneyId id, List<HistoryEntry> sent) {
        for (int tries = 0; tries < 16 && !sent.isEmpty(); tries++) {
            Journey journey = store.find(id).orElse(null);
            if (journey == null) {
                return;
            }
            Journey.Edit e = journey.edit();
            boolean missing = false;
            for (HistoryEntry s : sent) {
                if (journey.history().stream().noneMatch(h -> h.kind() == Kind.SENT && h.at().equals(s.at())
                        && Objects.equals(h.stepId(), s.stepId()) && h.channel() == s.channel() && h.attempt() == s.attempt())) {
                    e.record(s);
                    if (s.cost() != null) {
                        e.spent = e.spent == null ? s.cost() : e.spent.plus(s.cost());
                    }
                    missing = true;
                }
            }
            if (!missing || write(journey, e.build())) {
                return;
            }
        }
    }

    /** A pass for one journey taken alone (an event's, a redo's): each write goes to the store at once. */
    private Pass alone() {
        return new Pass(store, instanceId, clock, lease, false, this::notifyWritten);
    }

    /**
     * A journey whose processing threw (a stage, a missing cadence or customer…) is retried later:
     * an ERROR entry, and a back-off doubling from 1 minute to 1 day with consecutive errors.
     */
    private void backOff(JourneyId id, Instant now, RuntimeException error, Pass pass) {
        log.error("journey {} could not be processed; retrying after a back-off", id, error);
        try {
            Journey journey = store.find(id).orElse(null);
            if (journey == null || !journey.isLive()) {
                return;
            }
            int errors = 0;
            for (int i = journey.history().size() - 1; i >= 0 && journey.history().get(i).kind() == Kind.ERROR; i--) {
                errors++;
            }
            Duration wait = Duration.ofMinutes(1L << Math.min(errors, 11));
            if (wait.compareTo(Duration.ofDays(1)) > 0) {
                wait = Duration.ofDays(1);
            }
            Journey.Edit e = journey.edit();
            e.record(entry(now, Kind.ERROR, null, null, 0, Reasons.ENGINE_ERROR, String.valueOf(error)));
            e.dueAt = now.plus(wait);
            pass.write(journey, e.build());
        } catch (RuntimeException again) {
            log.error("journey {} could not be rescheduled after an error", id, again);
        }
    }

    /**
     * Runs transitions on a journey (the caller holds its lock and lease) until it is not due,
     * starting from {@code start} (what the store holds now) or, if null, from a read of the store. A
     * batch decision is used for the first transition if the journey is still at its version.
     * {@code sent} holds contacts that went out but whose write did not land (a batch's lost write),
     * and gathers those of this call's own lost writes: the ones a new decision does not record again
     * are recorded at the end ({@link #keepSent}).
     *
     * @return false if the journey is still due after the bound of transitions
     */
    private boolean advanceWhileDue(JourneyId id, Journey start, Instant now, Outcome decided, Pass pass, List<HistoryEntry> sent) {
        Journey written = start;
        try {
            for (int i = 0; i < MAX_TRANSITIONS_PER_CLAIM; i++) {
                // after our own write the store holds exactly what we wrote (we hold the lock and the lease): no re-read
                Journey journey = written != null ? written : store.find(id).orElse(null);
                if (journey == null || !journey.isLive() || journey.dueAt() == null || journey.dueAt().isAfter(now)) {
                    return true;
                }
                Journey next = transition(journey, now, decided != null && decided.version() == journey.version() ? decided : null,
                        pass);
                decided = null;
                if (pass.write(journey, next)) {
                    written = next;
                } else {
                    written = null;
                    sent.addAll(sentSince(journey, next));
                    log.warn("journey {} changed while it was processed (version {}); re-reading", id, journey.version());
                }
            }
            log.warn("journey {} still due after {} transitions at {}; left for the next run", id, MAX_TRANSITIONS_PER_CLAIM, now);
            return false;
        } finally {
            keepSent(id, sent);
        }
    }

    /** The contacts {@code after} recorded as sent since {@code before}. */
    private static List<HistoryEntry> sentSince(Journey before, Journey after) {
        List<HistoryEntry> sent = new ArrayList<>(1);
        for (HistoryEntry entry : after.history().subList(before.history().size(), after.history().size())) {
            if (entry.kind() == Kind.SENT) {
                sent.add(entry);
            }
        }
        return sent;
    }

    /** One due transition of a live journey. */
    private Journey transition(Journey journey, Instant now, Outcome decided, Pass pass) {
        Cadence cadence = cadenceOf(journey);
        Journey.Edit e = journey.edit();
        switch (journey.status()) {
            case WAITING -> {
                String reason = journey.anchorAt() == null ? Reasons.ANCHOR_EVENT : Reasons.HORIZON_REACHED;
                e.end(JourneyStatus.COMPLETED, reason, now);
                e.record(entry(now, Kind.COMPLETED, null, null, 0, reason,
                        journey.anchorAt() == null ? "anchor event never came" : ""));
            }
            case PAUSED -> {
                if (Reasons.PROMISE_TO_PAY.equals(journey.statusReason())) {
                    e.record(entry(now, Kind.RESUMED, null, null, 0, Reasons.PROMISE_BROKEN, ""));
                    resumePending(e, cadence, journey, now, true);
                } else {
                    e.end(JourneyStatus.COMPLETED, Reasons.HORIZON_REACHED, now);
                    e.record(entry(now, Kind.COMPLETED, null, null, 0, Reasons.HORIZON_REACHED,
                            "paused (" + journey.statusReason() + ") until the horizon"));
                }
            }
            case ACTIVE -> {
                if (pausedByHand(journey)) {
                    pauseManually(e, now);
                } else {
                    decideStep(e, cadence, journey, now, decided, pass);
                }
            }
            default -> throw new IllegalStateException("journey " + journey.id() + " is " + journey.status());
        }
        return e.build();
    }

    private void pauseManually(Journey.Edit e, Instant now) {
        e.status = JourneyStatus.PAUSED;
        e.statusReason = Reasons.MANUAL;
        e.dueAt = null;
        e.record(entry(now, Kind.PAUSED, null, null, 0, Reasons.MANUAL, ""));
    }

    /**
     * After a pause the pending step keeps its own due time. A promise pause was agreed with the
     * customer, so it delays the rest of the régua ({@code shift}): the remaining day-offset steps and
     * the horizon move by the whole days needed for the pending step to fall after the pause, keeping
     * their spacing and times of day. After a manual pause, steps that went stale meanwhile are skipped.
     */
    private void resumePending(Journey.Edit e, Cadence cadence, Journey journey, Instant now, boolean shift) {
        if (journey.nextStep() < 0) {
            schedule(e, cadence, journey, now, now);
            return;
        }
        e.status = JourneyStatus.ACTIVE;
        e.statusReason = Reasons.STEP_DUE;
        Step step = cadence.steps().get(journey.nextStep());
        if (step.isReaction() || journey.handOff() != null) {
            e.dueAt = now;
            return;
        }
        if (step.timing() instanceof Timing.Planned) {
            schedule(e, cadence, journey, now, now);
            while (shift && e.dueAt != null && e.nextStep >= 0 && e.dueAt.isBefore(now)) {
                e.delayDays++;
                schedule(e, cadence, journey, now, now);
            }
            return;
        }
        Instant base = journey.lastDecision().map(HistoryEntry::at).orElse(journey.anchorAt());
        Instant due = Timetable.dueOf(cadence, step, journey.anchorAt(), journey.zone(), base, e.delayDays);
        if (shift && step.timing() instanceof Timing.Offset) {
            while (due.isBefore(now)) {
                e.delayDays++;
                due = Timetable.dueOf(cadence, step, journey.anchorAt(), journey.zone(), base, e.delayDays);
            }
        } else if (shift && due.isBefore(now)) {
            // a wait step delayed by a promise goes out at the cadence's send time; the later steps move with it
            Instant shifted = Timetable.nextAt(cadence.sendTime(), now, journey.zone());
            e.delayDays += (int) java.time.temporal.ChronoUnit.DAYS.between(due.atZone(journey.zone()).toLocalDate(),
                    shifted.atZone(journey.zone()).toLocalDate());
            due = shifted;
        }
        e.dueAt = due;
    }

    /**
     * The decision pipeline for the pending action of an ACTIVE journey: stale check, then for each
     * route (the step's channel, then its fallbacks) condition and stages, address, adapter, dispatch.
     * {@code decided} is the batch decision of the first route, when still valid.
     */
    private void decideStep(Journey.Edit e, Cadence cadence, Journey journey, Instant now, Outcome decided, Pass pass) {
        Step step = cadence.steps().get(journey.nextStep());
        boolean handOff = journey.handOff() != null;
        int attempt = journey.attempt();
        e.statusReason = Reasons.STEP_DUE;

        if (!handOff && !step.isReaction() && Timetable.isStale(cadence, step, journey.dueAt(), now, journey.zone())) {
            e.record(entry(now, Kind.SKIPPED, step.id(), step.channel(), attempt, Reasons.STALE,
                    "due " + journey.dueAt() + ", " + Duration.between(journey.dueAt(), now).toMinutes() + " min late"));
            advance(e, cadence, journey, step, now);
            return;
        }
        // the batch decision was made on this journey version and this customer: send with the same data
        Customer customer = decided != null ? decided.context().customer()
                : store.customer(journey.customerId()).orElseThrow(() -> new IllegalStateException(
                        "customer '" + journey.customerId() + "' of journey " + journey.id() + " is not in the store"));

        int routes = handOff ? 1 : 1 + step.fallbacks().size();
        for (int route = journey.route(); route < routes; route++) {
            boolean lastRoute = route == routes - 1;
            Outcome outcome = route == journey.route() && decided != null ? decided
                    : evaluate(List.of(new Candidate(context(journey, cadence, step, actionFor(step, route, journey.handOff()),
                            customer, attempt, handOff, now), !handOff && route == journey.route(), journey.version()))).get(0);
            if (outcome.refusal() instanceof Verdict.SkipRoute skip) {
                e.record(entry(now, Kind.SKIPPED, step.id(), outcome.context().action().channel(), attempt, skip.reason(),
                        skip.detail()));
                if (lastRoute) {
                    advance(e, cadence, journey, step, now);
                    return;
                }
                attempt = 1;
                continue;
            }
            if (outcome.refusal() != null) {
                applyRefusal(e, cadence, journey, step, outcome.context(), outcome.refusal(), now);
                return;
            }
            StepContext context = outcome.context();
            Money estimate = outcome.estimate();
            Channel channel = context.action().channel();
            if (context.address().isEmpty()) {
                e.record(entry(now, Kind.SKIPPED, step.id(), channel, attempt, Reasons.NO_CONTACT_POINT,
                        "customer has no " + channel.addressType().name().toLowerCase(Locale.ROOT)));
                if (lastRoute) {
                    advance(e, cadence, journey, step, now);
                    return;
                }
                attempt = 1;
                continue;
            }
            ChannelAdapter adapter = adapters.get(channel);
            if (adapter == null) {
                e.record(entry(now, Kind.SKIPPED, step.id(), channel, attempt, Reasons.NO_ADAPTER, channel.name()));
                if (lastRoute) {
                    advance(e, cadence, journey, step, now);
                    return;
                }
                attempt = 1;
                continue;
            }

            Verdict admission = admit(context, estimate);
            if (admission instanceof Verdict.SkipRoute skip) {
                e.record(entry(now, Kind.SKIPPED, step.id(), channel, attempt, skip.reason(), skip.detail()));
                if (lastRoute) {
                    advance(e, cadence, journey, step, now);
                    return;
                }
                attempt = 1;
                continue;
            }
            if (admission != null) {
                applyRefusal(e, cadence, journey, step, context, admission, now);
                return;
            }
            DispatchResult result = send(pass, adapter, request(context.idempotencyKey(), journey, step, context, attempt, now));
            settle(stages.size(), context, result);
            if (result instanceof DispatchResult.Accepted accepted) {
                Money cost = accepted.cost() != null ? accepted.cost() : estimate;
                e.record(entry(now, Kind.SENT, step.id(), channel, attempt, handOff ? Reasons.BRANCH : Reasons.ACCEPTED,
                        handOff ? journey.handOff() + " " + accepted.providerId() : accepted.providerId(), cost));
                if (cost != null) {
                    e.spent = e.spent == null ? cost : e.spent.plus(cost);
                }
                advance(e, cadence, journey, step, now);
                return;
            }
            if (result instanceof DispatchResult.Deferred deferred) {
                Instant until = deferred.until().isAfter(now) ? deferred.until() : now.plusSeconds(1);
                e.record(entry(now, Kind.DEFERRED, step.id(), channel, attempt, Reasons.PROVIDER_DEFERRED,
                        deferred.reason() + "; until " + until));
                e.route = route;
                e.attempt = attempt;
                e.dueAt = until;
                return;
            }
            if (result instanceof DispatchResult.Unknown unknown) {
                e.record(entry(now, Kind.FAILED, step.id(), channel, attempt, Reasons.OUTCOME_UNKNOWN, unknown.reason()));
                if (unknownOutcomes(journey, step.id(), channel, attempt) + 1 < Math.max(3, step.maxAttempts())) {
                    e.route = route; // offered again with the same attempt, so the same idempotency key
                    e.attempt = attempt;
                    e.dueAt = now.plus(step.retryAfter());
                    return;
                }
                if (lastRoute) {
                    e.record(entry(now, Kind.SKIPPED, step.id(), channel, attempt, Reasons.ATTEMPTS_EXHAUSTED,
                            "outcome still unknown after " + Math.max(3, step.maxAttempts()) + " offers"));
                    advance(e, cadence, journey, step, now);
                    return;
                }
                attempt = 1;
                continue;
            }
            boolean retryable = result instanceof DispatchResult.Failed failed && failed.retryable();
            String why = result instanceof DispatchResult.Rejected rejected ? rejected.reason()
                    : ((DispatchResult.Failed) result).reason();
            e.record(entry(now, Kind.FAILED, step.id(), channel, attempt,
                    result instanceof DispatchResult.Rejected ? Reasons.PROVIDER_REJECTED : Reasons.PROVIDER_FAILED, why));
            if (retryable && attempt < step.maxAttempts()) {
                e.route = route;
                e.attempt = attempt + 1;
                e.dueAt = now.plus(step.retryAfter());
                return;
            }
            if (lastRoute) {
                if (retryable) {
                    e.record(entry(now, Kind.SKIPPED, step.id(), channel, attempt, Reasons.ATTEMPTS_EXHAUSTED,
                            step.maxAttempts() + " attempt(s)"));
                }
                advance(e, cadence, journey, step, now);
                return;
            }
            attempt = 1;
        }
        advance(e, cadence, journey, step, now);
    }

    /**
     * Every stage's last word on a contact about to go out ({@link DecisionStage#admit}), in order.
     *
     * @return null when all admit it, else the first refusal (the stages that admitted it are settled as not sent)
     */
    private Verdict admit(StepContext contact, Money estimate) {
        for (int i = 0; i < stages.size(); i++) {
            Verdict verdict;
            try {
                DecisionStage stage = stages.get(i);
                verdict = Objects.requireNonNull(stage.admit(contact, estimate), () -> "stage " + stage + " admitted with no verdict");
            } catch (RuntimeException ex) {
                settle(i, contact, DispatchResult.rejected(Reasons.NOT_SENT + ": " + ex));
                throw ex;
            }
            if (!(verdict instanceof Verdict.Proceed)) {
                settle(i, contact, DispatchResult.rejected(Reasons.NOT_SENT + ": " + verdict.reason()));
                return verdict;
            }
        }
        return null;
    }

    /** Tells the first {@code count} stages what became of a contact they admitted; a failing stage is logged. */
    private void settle(int count, StepContext contact, DispatchResult result) {
        for (int i = 0; i < count; i++) {
            try {
                stages.get(i).settle(contact, result);
            } catch (RuntimeException ex) {
                log.error("stage {} failed to settle a contact of journey {}", stages.get(i), contact.journey().id(), ex);
            }
        }
    }

    private void applyRefusal(Journey.Edit e, Cadence cadence, Journey journey, Step step, StepContext context,
                              Verdict verdict, Instant now) {
        Channel channel = context.action().channel();
        int attempt = context.attempt();
        if (verdict instanceof Verdict.Skip skip) {
            e.record(entry(now, Kind.SKIPPED, step.id(), channel, attempt, skip.reason(), skip.detail()));
            advance(e, cadence, journey, step, now);
        } else if (verdict instanceof Verdict.Block block) {
            e.record(entry(now, Kind.BLOCKED, step.id(), channel, attempt, block.reason(), block.detail()));
            advance(e, cadence, journey, step, now);
        } else if (verdict instanceof Verdict.Defer defer) {
            Instant until = defer.until().isAfter(now) ? defer.until() : now.plusSeconds(1);
            e.record(entry(now, Kind.DEFERRED, step.id(), channel, attempt, defer.reason(),
                    (defer.detail() == null || defer.detail().isEmpty() ? "" : defer.detail() + "; ") + "until " + until));
            e.dueAt = until;
        } else if (verdict instanceof Verdict.Stop stop) {
            e.end(stop.status(), stop.reason(), now);
            e.record(entry(now, stop.status() == JourneyStatus.SUPPRESSED ? Kind.SUPPRESSED : Kind.EXITED, step.id(),
                    channel, attempt, stop.reason(), stop.detail()));
        }
    }

    /** After a step was decided: on to the next timed step (or back to it after a reaction or hand-off). */
    private void advance(Journey.Edit e, Cadence cadence, Journey journey, Step step, Instant now) {
        if (journey.handOff() == null && !step.isReaction()) {
            e.cursor = cadence.nextTimed(journey.nextStep() + 1);
        }
        schedule(e, cadence, journey, now, now);
    }

    private StepContext context(Journey journey, Cadence cadence, Step step, ChannelAction action, Customer customer,
                                int attempt, boolean handOff, Instant now) {
        Optional<ContactPoint> address = customer.first(action.channel().addressType());
        return new StepContext(journey, cadence, step, action, address, customer, attempt, handOff, now);
    }

    /** How many times this step's attempt on this channel already ended with an unknown outcome. */
    private static int unknownOutcomes(Journey journey, String stepId, Channel channel, int attempt) {
        int n = 0;
        for (HistoryEntry e : journey.history()) {
            if (e.kind() == Kind.FAILED && Reasons.OUTCOME_UNKNOWN.equals(e.reason()) && stepId.equals(e.stepId())
                    && e.channel() == channel && e.attempt() == attempt) {
                n++;
            }
        }
        return n;
    }

    private static ContactRequest request(String key, Journey journey, Step step, StepContext context, int attempt,
                                          Instant now) {
        Map<Character, String> menu = Map.of();
        if (context.action().channel() == Channel.OUTBOUND_IVR && !step.branches().isEmpty()) {
            menu = new LinkedHashMap<>();
            for (Branch branch : step.branches()) {
                if (branch.trigger() instanceof Branch.Trigger.Key k) {
                    menu.put(k.digit(), Describe.describe(branch.action()));
                }
            }
        }
        return new ContactRequest(key, journey.id(), step.id(), attempt, context.action().channel(),
                context.address().orElseThrow(), context.action().templateId(), Map.copyOf(context.action().variables()),
                context.action().queue(), menu, context.customer(), journey.subject(), now);
    }

    /**
     * Offers a contact through the store's outbox: begun (recorded) before the adapter is called,
     * answered after. A key the outbox already holds a final answer for is not offered again: its
     * answer is used (the journey write that recorded it was lost, e.g. to an event's write).
     */
    private DispatchResult send(Pass pass, ChannelAdapter adapter, ContactRequest request) {
        String key = request.idempotencyKey();
        DispatchIntent intent = new DispatchIntent(key, request.journeyId(), request.channel());
        PriorDispatch prior = pass.prior(intent);
        if (prior != null && prior.state() == PriorDispatch.State.SENT) {
            log.debug("contact {} was offered before; its answer comes from the outbox", key);
            return prior.result();
        }
        if (prior != null && prior.inDoubt()) {
            log.info("contact {} was left in doubt by a stopped instance; offering it again with the same key", key);
        }
        DispatchResult result = dispatch(adapter, request, pass);
        pass.offered(intent, result);
        return result;
    }

    /** Calls the adapter and waits for its answer, at most the dispatch timeout, renewing the pass's leases meanwhile. */
    private DispatchResult dispatch(ChannelAdapter adapter, ContactRequest request, Pass pass) {
        try {
            CompletableFuture<? extends DispatchResult> answer = adapter.dispatch(request).toCompletableFuture();
            long deadline = System.nanoTime() + dispatchTimeout.toNanos();
            long slice = Math.max(1_000_000L, lease.toNanos() / 4);
            DispatchResult result;
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return DispatchResult.unknown(Reasons.DISPATCH_ERROR + ": no answer within " + dispatchTimeout);
                }
                try {
                    result = answer.get(Math.min(left, slice), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException waiting) {
                    pass.keepAlive();
                }
            }
            return result != null ? result : DispatchResult.unknown(Reasons.DISPATCH_ERROR + ": adapter returned null");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DispatchResult.unknown(Reasons.DISPATCH_ERROR + ": interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.warn("adapter failed for {}", request.idempotencyKey(), cause);
            return DispatchResult.unknown(Reasons.DISPATCH_ERROR + ": " + cause);
        }
    }

    // ------------------------------------------------------------------ events

    @Override
    public EventReceipt handle(Event event) {
        Instant now = clock.instant();
        if (event == null) {
            return reject(now, "", "malformed", "event is null", "null");
        }
        try {
            return apply(event, now);
        } catch (RuntimeException e) {
            log.error("event {} could not be applied", event.id(), e);
            return reject(now, event.id(), "error", e.toString(), event.toString());
        }
    }

    @Override
    public EventReceipt handleJson(String json) {
        Instant now = clock.instant();
        EventJson.Parsed parsed = EventJson.parse(json);
        if (parsed.event() == null) {
            return reject(now, parsed.eventId(), "malformed", parsed.error(), json);
        }
        return handle(parsed.event());
    }

    private EventReceipt apply(Event event, Instant now) {
        if (store.wasEventSeen(event.id())) {
            return EventReceipt.duplicate(event.id());
        }
        if (event.occurredAt().isAfter(now.plus(futureTolerance))) {
            return reject(now, event.id(), "future-event",
                    "occurredAt " + event.occurredAt() + " is after the engine's now " + now, event.toString());
        }
        List<Journey> targets = new ArrayList<>();
        List<Journey> others = new ArrayList<>(0);
        boolean anyEnded = false;
        for (Journey j : store.query(new JourneyQuery(event.customerId(), null, null, JourneyQuery.DEFAULT_LIMIT))) {
            if (event.subjectKey() != null && !event.subjectKey().equals(j.subject().key())) {
                if (j.isLive() && !watchers.isEmpty() && directive(event, j) != null) {
                    others.add(j); // e.g. a cease request about one debt ends the person's other collection journeys
                }
                continue;
            }
            if (j.isLive()) {
                targets.add(j);
            } else {
                anyEnded = true;
            }
        }
        List<EventWatcher> watching = new ArrayList<>(0);
        for (EventWatcher watcher : watchers) {
            if (watcher.wants(event)) {
                watching.add(watcher);
            }
        }
        if (targets.isEmpty() && watching.isEmpty() && others.isEmpty()) {
            if (anyEnded && store.wasEventSeen(event.id())) {
                return EventReceipt.duplicate(event.id()); // another instance applied it (ending the journey) since the check above
            }
            String what = "customer '" + event.customerId() + "'"
                    + (event.subjectKey() == null ? "" : " and subject '" + event.subjectKey() + "'");
            return anyEnded ? reject(now, event.id(), "journey-ended", "every journey of " + what + " has ended", event.toString())
                    : reject(now, event.id(), "unknown-journey", "no journey for " + what, event.toString());
        }
        if (!store.markEventSeen(event.id(), event.occurredAt())) {
            return EventReceipt.duplicate(event.id());
        }
        List<JourneyId> applied = new ArrayList<>(targets.size());
        List<String> failures = new ArrayList<>(0);
        Optional<Customer> customer = watching.isEmpty() ? Optional.empty() : store.customer(event.customerId());
        for (EventWatcher watcher : watching) {
            try {
                watcher.observe(event, customer, now);
            } catch (RuntimeException e) {
                log.error("watcher {} failed on event {}", watcher, event.id(), e);
                failures.add("watcher " + watcher + ": " + e);
            }
        }
        for (Journey other : others) {
            try {
                if (applyTo(other.id(), event, now, false)) {
                    applied.add(other.id());
                }
            } catch (RuntimeException e) {
                log.error("event {} could not be applied to journey {}", event.id(), other.id(), e);
                failures.add("journey " + other.id() + ": " + e);
            }
        }
        for (Journey target : targets) {
            try {
                if (applyTo(target.id(), event, now, true)) {
                    applied.add(target.id());
                }
            } catch (RuntimeException e) {
                log.error("event {} could not be applied to journey {}", event.id(), target.id(), e);
                failures.add("journey " + target.id() + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            EventReceipt rejected = reject(now, event.id(), "error", String.join("; ", failures), event.toString());
            if (applied.isEmpty() && (watching.isEmpty() || !targets.isEmpty())) {
                return rejected;
            }
        }
        return EventReceipt.applied(event.id(), applied, propose(event, applied, now));
    }

    @Override
    public List<Proposal> offers(Customer customer, Event event) {
        if (nextBestAction == null) {
            return List.of();
        }
        List<Proposal> proposals = new ArrayList<>(nextBestAction.propose(customer, event, List.of(), clock.instant()));
        proposals.sort(Proposal.BEST_FIRST);
        return proposals;
    }

    /** Ranked proposals after an event was applied to journeys; a failing advisor only loses the offers. */
    private List<Proposal> propose(Event event, List<JourneyId> applied, Instant now) {
        if (nextBestAction == null) {
            return List.of();
        }
        try {
            Customer customer = store.customer(event.customerId()).orElse(null);
            if (customer == null) {
                return List.of();
            }
            List<Journey> journeys = new ArrayList<>(applied.size());
            for (JourneyId id : applied) {
                store.find(id).ifPresent(journeys::add);
            }
            List<Proposal> proposals = new ArrayList<>(nextBestAction.propose(customer, event, journeys, now));
            proposals.sort(Proposal.BEST_FIRST);
            return proposals;
        } catch (RuntimeException e) {
            log.warn("next best action failed for event {}", event.id(), e);
            return List.of();
        }
    }

    /**
     * Applies an event to a journey: a targeted one (the event's subject) reacts fully; another live
     * journey of the customer only follows a watcher's directive, and is left untouched without one.
     *
     * @return true when the journey recorded the event
     */
    private boolean applyTo(JourneyId id, Event event, Instant now, boolean targeted) {
        List<String> toStart = new ArrayList<>(0);
        Journey written = locked(id.key(), () -> {
            Journey after;
            while (true) {
                Journey journey = store.find(id).orElse(null);
                if (journey == null || !journey.isLive()) {
                    return null;
                }
                toStart.clear();
                EventWatcher.Directive directive = directive(event, journey);
                if (!targeted && directive == null) {
                    return null;
                }
                after = react(journey, event, now, toStart, directive);
                if (write(journey, after)) {
                    break;
                }
            }
            if (after.isLive() && after.dueAt() != null && !after.dueAt().isAfter(now) && !inFlight.contains(id)
                    && store.claim(id, now, new Lease(instanceId, now.plus(lease)))) {
                try {
                    advanceWhileDue(id, null, now, null, alone(), new ArrayList<>());
                } finally {
                    store.release(id, instanceId);
                }
            }
            return after;
        });
        if (written == null) {
            return false;
        }
        for (String cadenceId : toStart) {
            startCadence(written, cadenceId, now);
        }
        return true;
    }

    private void startCadence(Journey from, String cadenceId, Instant now) {
        Optional<Cadence> target = latestCadence(cadenceId);
        Optional<Customer> customer = store.customer(from.customerId());
        try {
            if (target.isEmpty() || customer.isEmpty()) {
                throw new IllegalStateException(target.isEmpty() ? "cadence '" + cadenceId + "' is not registered"
                        : "customer '" + from.customerId() + "' is not stored");
            }
            enroll(customer.get(), from.subject(), target.get());
        } catch (RuntimeException e) {
            reject(now, "", "start-cadence-failed", "journey " + from.id() + " could not start cadence '" + cadenceId
                    + "': " + e.getMessage(), from.id().toString());
        }
    }

    /** The journey after an event: outcome recorded, then anchor, exit, pause, retry, branch or reaction. */
    private Journey react(Journey journey, Event event, Instant now, List<String> toStart, EventWatcher.Directive directive) {
        Cadence cadence = cadenceOf(journey);
        Journey.Edit e = journey.edit();
        EventType type = event.type();
        e.record(entry(now, Kind.EVENT, null, Describe.channelOf(event), 0, Describe.code(type), Describe.describe(event)));

        if (directive != null) {
            switch (directive.action()) {
                case EXIT, SUPPRESS -> {
                    JourneyStatus status = directive.action() == EventWatcher.Directive.Action.EXIT
                            ? JourneyStatus.EXITED : JourneyStatus.SUPPRESSED;
                    e.end(status, directive.reason(), now);
                    e.record(entry(now, status == JourneyStatus.EXITED ? Kind.EXITED : Kind.SUPPRESSED, null, null, 0,
                            directive.reason(), directive.detail()));
                }
                case PAUSE -> {
                    e.status = JourneyStatus.PAUSED;
                    e.statusReason = directive.reason();
                    e.dueAt = Timetable.horizonEnd(cadence, journey, journey.anchorAt(), journey.delayDays());
                    e.record(entry(now, Kind.PAUSED, null, null, 0, directive.reason(),
                            directive.detail() + "; resume(journey) to go on, else it completes at the horizon"));
                }
            }
            return e.build();
        }

        if (journey.anchorAt() == null && matchesAnchor(cadence.anchor(), event)) {
            e.anchorAt = event.occurredAt();
            e.cursor = cadence.nextTimed(0);
            schedule(e, cadence, journey, e.anchorAt, now);
            e.statusReason = Reasons.ANCHOR_EVENT;
            return e.build();
        }
        if (cadence.exitOn().contains(type) && !(event instanceof PaymentReceived p && !p.full())) {
            if (type.isGoal()) {
                e.end(JourneyStatus.CONVERTED, Reasons.GOAL_REACHED, now);
                e.record(entry(now, Kind.CONVERTED, null, null, 0, Reasons.GOAL_REACHED, Describe.code(type) + " " + event.id()));
            } else {
                e.end(JourneyStatus.EXITED, Reasons.EXIT_EVENT, now);
                e.record(entry(now, Kind.EXITED, null, null, 0, Reasons.EXIT_EVENT, Describe.code(type) + " " + event.id()));
            }
            return e.build();
        }
        if (cadence.pauseOn().contains(type) && (journey.status() != JourneyStatus.PAUSED || event instanceof PromiseToPay)) {
            if (event instanceof PromiseToPay promise) {
                Instant until = promise.promisedDate().plusDays(1).atStartOfDay(journey.zone()).toInstant();
                if (until.isAfter(now)) {
                    e.status = JourneyStatus.PAUSED;
                    e.statusReason = Reasons.PROMISE_TO_PAY;
                    e.dueAt = until;
                    e.record(entry(now, Kind.PAUSED, null, null, 0, Reasons.PROMISE_TO_PAY,
                            "promised " + promise.amount() + " by " + promise.promisedDate() + "; resumes " + until));
                }
            } else {
                e.status = JourneyStatus.PAUSED;
                e.statusReason = Reasons.PAUSE_EVENT;
                e.dueAt = Timetable.horizonEnd(cadence, journey, journey.anchorAt(), journey.delayDays());
                e.record(entry(now, Kind.PAUSED, null, null, 0, Reasons.PAUSE_EVENT,
                        Describe.code(type) + "; resume(journey) to go on, else it completes at the horizon"));
            }
            return e.build();
        }
        if (journey.status() == JourneyStatus.PAUSED) {
            return e.build();
        }
        if (event instanceof MessageFailed failed) {
            retryAfterDeliveryFailure(e, cadence, journey, failed, now);
            return e.build();
        }
        Branch branch = matchingBranch(cadence, journey, event);
        if (branch != null) {
            applyBranch(e, cadence, journey, branch, now, toStart);
            return e.build();
        }
        for (int i = 0; i < cadence.steps().size(); i++) {
            Step step = cadence.steps().get(i);
            if (step.timing() instanceof Timing.OnEvent on && on.event() == type
                    && (type != EventType.CUSTOM || on.name().equals(((CustomEvent) event).name()))) {
                pend(e, i, null, now);
                break;
            }
        }
        return e.build();
    }

    /** The first watcher directive for the journey, or null; a failing watcher is logged and ignored. */
    private EventWatcher.Directive directive(Event event, Journey journey) {
        for (EventWatcher watcher : watchers) {
            try {
                EventWatcher.Directive d = watcher.directive(event, journey, cadenceOf(journey));
                if (d != null) {
                    return d;
                }
            } catch (RuntimeException ex) {
                log.error("watcher {} failed on event {} for journey {}", watcher, event.id(), journey.id(), ex);
            }
        }
        return null;
    }

    private static void pend(Journey.Edit e, int stepIndex, String handOff, Instant now) {
        e.status = JourneyStatus.ACTIVE;
        e.statusReason = Reasons.BRANCH;
        e.nextStep = stepIndex;
        e.attempt = 1;
        e.route = 0;
        e.handOff = handOff;
        e.dueAt = now;
    }

    private static boolean matchesAnchor(Anchor anchor, Event event) {
        return anchor.type() == Anchor.Type.EVENT && anchor.event() == event.type()
                && (anchor.event() != EventType.CUSTOM || anchor.name().equals(((CustomEvent) event).name()));
    }

    /** A provider reported a delivery failure for the last contact: retry it, or fall back to the next channel. */
    private void retryAfterDeliveryFailure(Journey.Edit e, Cadence cadence, Journey journey, MessageFailed failed,
                                           Instant now) {
        HistoryEntry sent = journey.lastDecision().orElse(null);
        if (sent == null || sent.kind() != Kind.SENT || sent.channel() != failed.channel()) {
            return;
        }
        Step step = cadence.step(sent.stepId()).orElseThrow();
        int route = routeOf(step, sent.channel());
        if (route < 0 || (failed.dispatchKey() != null && !failed.dispatchKey().equals(
                StepContext.idempotencyKey(journey.id(), step.id(), StepContext.visit(journey, step.id(), false) - 1,
                        route == 0 ? step.action() : step.fallbacks().get(route - 1), false, sent.attempt())))) {
            return;
        }
        int index = cadence.indexOf(step.id());
        if (!failed.permanent() && sent.attempt() < step.maxAttempts()) {
            pend(e, index, null, now);
            e.statusReason = Reasons.DELIVERY_FAILED;
            e.route = route;
            e.attempt = sent.attempt() + 1;
            e.dueAt = now.plus(step.retryAfter());
        } else if (route < step.fallbacks().size()) {
            pend(e, index, null, now);
            e.statusReason = Reasons.DELIVERY_FAILED;
            e.route = route + 1;
        }
    }

    private static int routeOf(Step step, Channel channel) {
        if (step.action().channel() == channel) {
            return 0;
        }
        for (int i = 0; i < step.fallbacks().size(); i++) {
            if (step.fallbacks().get(i).channel() == channel) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The branch of the last contact (a step's own, not a hand-off) that this answer triggers, if any. */
    private static Branch matchingBranch(Cadence cadence, Journey journey, Event event) {
        if (!(event instanceof KeyPressed || event instanceof ReplyReceived || event instanceof LinkClicked)) {
            return null;
        }
        HistoryEntry sent = journey.lastContact().orElse(null);
        if (sent == null || Reasons.BRANCH.equals(sent.reason())) {
            return null; // nothing sent yet, or the customer was already handed to an agent from this contact
        }
        Step step = cadence.step(sent.stepId()).orElseThrow();
        for (Branch branch : step.branches()) {
            Branch.Trigger t = branch.trigger();
            boolean match = event instanceof KeyPressed k ? t instanceof Branch.Trigger.Key key && key.digit() == k.digit()
                    : event instanceof ReplyReceived r ? t instanceof Branch.Trigger.Reply reply
                            && ReplyReceived.normalize(reply.keyword()).equals(ReplyReceived.normalize(r.text()))
                    : t instanceof Branch.Trigger.Click click
                            && (click.link().equals("*") || click.link().equals(((LinkClicked) event).link()));
            if (match) {
                return branch;
            }
        }
        return null;
    }

    private void applyBranch(Journey.Edit e, Cadence cadence, Journey journey, Branch branch, Instant now,
                             List<String> toStart) {
        BranchAction action = branch.action();
        HistoryEntry sent = journey.lastContact().orElseThrow();
        if (action instanceof BranchAction.GoTo goTo) {
            int index = cadence.indexOf(goTo.stepId());
            if (!cadence.steps().get(index).isReaction()) {
                for (int i = journey.cursor(); i >= 0 && i < index; i = cadence.nextTimed(i + 1)) {
                    Step skipped = cadence.steps().get(i);
                    e.record(entry(now, Kind.SKIPPED, skipped.id(), skipped.channel(), 0, Reasons.JUMPED,
                            "branch of '" + sent.stepId() + "' went to '" + goTo.stepId() + "'"));
                }
                e.cursor = index;
            }
            pend(e, index, null, now);
        } else if (action instanceof BranchAction.HandOff handOff) {
            pend(e, cadence.indexOf(sent.stepId()), handOff.queue(), now);
        } else if (action instanceof BranchAction.Stop stop) {
            JourneyStatus status = stop.converted() ? JourneyStatus.CONVERTED : JourneyStatus.EXITED;
            e.end(status, Reasons.BRANCH, now);
            e.record(entry(now, stop.converted() ? Kind.CONVERTED : Kind.EXITED, sent.stepId(), null, 0, Reasons.BRANCH,
                    Describe.describe(action)));
        } else if (action instanceof BranchAction.StartCadence start) {
            toStart.add(start.cadenceId());
        }
    }

    // ------------------------------------------------------------------ pause / resume

    @Override
    public void pauseCadence(String cadenceId) {
        store.setPaused(JourneyStore.PauseScope.CADENCE, cadenceId, true);
    }

    @Override
    public void resumeCadence(String cadenceId) {
        store.setPaused(JourneyStore.PauseScope.CADENCE, cadenceId, false);
        resumeManual(JourneyQuery.byCadence(cadenceId).status(JourneyStatus.PAUSED));
    }

    @Override
    public void pauseCustomer(String customerId) {
        store.setPaused(JourneyStore.PauseScope.CUSTOMER, customerId, true);
    }

    @Override
    public void resumeCustomer(String customerId) {
        store.setPaused(JourneyStore.PauseScope.CUSTOMER, customerId, false);
        resumeManual(new JourneyQuery(customerId, null, JourneyStatus.PAUSED, JourneyQuery.DEFAULT_LIMIT));
    }

    /** True when the journey's cadence or customer is paused by hand (kept in the store, shared by instances). */
    private boolean pausedByHand(Journey journey) {
        return pausedByHand(journey.cadenceId(), journey.customerId());
    }

    private boolean pausedByHand(String cadenceId, String customerId) {
        Set<String> cadences = store.paused(JourneyStore.PauseScope.CADENCE);
        Set<String> customers = store.paused(JourneyStore.PauseScope.CUSTOMER);
        // asked for every due journey: the usual empty sets answer without hashing the ids
        return (!cadences.isEmpty() && cadences.contains(cadenceId)) || (!customers.isEmpty() && customers.contains(customerId));
    }

    private void resumeManual(JourneyQuery query) {
        while (true) {
            int resumed = 0;
            List<Journey> paused = store.query(query);
            for (Journey journey : paused) {
                if (Reasons.MANUAL.equals(journey.statusReason()) && !pausedByHand(journey)
                        && resume(journey.id(), Reasons.MANUAL)) {
                    resumed++;
                }
            }
            if (paused.size() < query.limit() || resumed == 0) {
                return;
            }
        }
    }

    @Override
    public boolean resume(JourneyId id) {
        return resume(id, null);
    }

    /** Resumes a paused journey (only if it was paused for {@code reason}, when given). */
    private boolean resume(JourneyId id, String reason) {
        Instant now = clock.instant();
        return locked(id.key(), () -> {
            Journey journey = store.find(id).orElse(null);
            if (journey == null || journey.status() != JourneyStatus.PAUSED
                    || (reason != null && !reason.equals(journey.statusReason()))) {
                return false;
            }
            Journey.Edit e = journey.edit();
            e.record(entry(now, Kind.RESUMED, null, null, 0, Reasons.MANUAL, journey.statusReason()));
            resumePending(e, cadenceOf(journey), journey, now, Reasons.PROMISE_TO_PAY.equals(journey.statusReason()));
            return write(journey, e.build());
        });
    }

    // ------------------------------------------------------------------ queries

    @Override
    public Optional<Journey> journey(JourneyKey key) {
        return store.latest(key);
    }

    @Override
    public Optional<Journey> journey(JourneyId id) {
        return store.find(id);
    }

    @Override
    public List<Journey> journeys(JourneyQuery query) {
        return store.query(query);
    }

    @Override
    public List<Rejection> rejections() {
        return store.rejections(Integer.MAX_VALUE);
    }

    @Override
    public JourneyStore store() {
        return store;
    }

    // ------------------------------------------------------------------ plumbing

    /** A write outside a pass (an event's, a pause's…). */
    private boolean write(Journey before, Journey after) {
        if (!store.replace(after)) {
            return false;
        }
        if (inFlight.contains(after.id())) {
            writtenInFlight.add(after.id());
        }
        notifyEntries(after, before.history().size());
        return true;
    }

    private void notifyWritten(Journey before, Journey after) {
        notifyEntries(after, before.history().size());
    }

    private void notifyEntries(Journey journey, int from) {
        if (listeners.isEmpty()) {
            return;
        }
        Runnable call = () -> {
            List<HistoryEntry> history = journey.history();
            for (int i = from; i < history.size(); i++) {
                for (CadenceListener listener : listeners) {
                    try {
                        listener.onEntry(journey, history.get(i));
                    } catch (RuntimeException e) {
                        log.warn("listener {} failed on {}", listener, history.get(i), e);
                    }
                }
            }
        };
        if (lockDepth.get()[0] > 0) {
            deferred.get().add(call);
        } else {
            call.run();
        }
    }

    private EventReceipt reject(Instant now, String eventId, String reason, String detail, String input) {
        Rejection rejection = new Rejection(now, eventId, reason, detail, input);
        store.recordRejection(rejection);
        log.debug("rejected input {}: {} ({})", eventId, reason, detail);
        for (CadenceListener listener : listeners) {
            try {
                listener.onRejected(rejection);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on {}", listener, rejection, e);
            }
        }
        return EventReceipt.rejected(eventId, reason, detail);
    }

    /** Runs {@code work} under the journey key's lock, then tells listeners what it recorded. */
    private <T> T locked(JourneyKey key, java.util.function.Supplier<T> work) {
        ReentrantLock lock = stripes[(key.hashCode() & 0x7fffffff) % STRIPES];
        int[] depth = lockDepth.get();
        lock.lock();
        depth[0]++;
        try {
            return work.get();
        } finally {
            depth[0]--;
            lock.unlock();
            if (depth[0] == 0) {
                List<Runnable> calls = deferred.get();
                if (!calls.isEmpty()) {
                    List<Runnable> pending = new ArrayList<>(calls);
                    calls.clear();
                    pending.forEach(Runnable::run);
                }
            }
        }
    }

    private static HistoryEntry entry(Instant at, Kind kind, String stepId, Channel channel, int attempt, String reason,
                                      String detail) {
        return new HistoryEntry(at, kind, stepId, channel, attempt, reason, detail, null);
    }

    private static HistoryEntry entry(Instant at, Kind kind, String stepId, Channel channel, int attempt, String reason,
                                      String detail, Money cost) {
        return new HistoryEntry(at, kind, stepId, channel, attempt, reason, detail, cost);
    }
}
