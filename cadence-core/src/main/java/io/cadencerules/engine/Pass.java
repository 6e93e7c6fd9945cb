package io.cadencerules.engine;

import io.cadencerules.channel.DispatchResult;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.store.DispatchIntent;
import io.cadencerules.store.JourneyStore;
import io.cadencerules.store.Lease;
import io.cadencerules.store.PriorDispatch;
import io.cadencerules.store.WriteBack;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One pass of due processing: a claimed batch, or one journey taken alone. It keeps what the pass
 * began in the store's outbox, the adapters' answers and (for a batch) the journey writes and the
 * leases, and hands them to the store in one {@link JourneyStore#writeBack}: for a batch at
 * {@link #flush()}, alone at every write. Thread-safe: the journeys of a batch may be processed on
 * an executor.
 */
final class Pass {

    /**
     * How long a check of the batch's versions holds: a journey whose turn comes later is checked
     * again (with the rest of the batch, in one read) before it is worked from its claimed copy. It
     * bounds how long before a contact an event written on another instance can be missed.
     */
    static final Duration RECHECK_AFTER = Duration.ofMillis(100);

    /**
     * How long a batch keeps the journeys it finished before it writes them back (with their answers,
     * ending their leases) while it works on the rest: it bounds what an instance's death loses of
     * finished work, and how long an event for a finished journey waits on its batch.
     */
    static final Duration WRITE_BACK_AFTER = Duration.ofSeconds(1);

    /** Stands for "the outbox did not know the key" in {@link #begun} (a map cannot hold null here). */
    private static final PriorDispatch NEW = new PriorDispatch(PriorDispatch.State.PENDING, null);

    private final JourneyStore store;
    private final String owner;
    private final InstantSource clock;
    private final Duration lease;
    private final boolean batched;
    private final BiConsumer<Journey, Journey> written;

    /** The contacts this pass began in the outbox, with what the outbox knew of each before. */
    private final Map<DispatchIntent, PriorDispatch> begun = new HashMap<>();
    private final Map<DispatchIntent, DispatchResult> results = new LinkedHashMap<>();
    private final List<Journey[]> writes = new ArrayList<>();
    private final Set<JourneyId> held = new LinkedHashSet<>();
    private Instant leaseUntil;
    /** Journeys of the batch done with and not written back yet, and since when the first of them waits. */
    private final Set<JourneyId> finished = new HashSet<>();
    private Instant finishedSince;
    /** Writes that did not land in an earlier write-back of this pass. */
    private final Map<JourneyId, Journey[]> lost = new LinkedHashMap<>();
    /** Claimed copies not yet worked that were still the store's version at {@link #checkedAt}. */
    private final Map<JourneyId, Journey> unchanged = new HashMap<>();
    private Instant checkedAt;

    /**
     * @param batched  true when writes wait for {@link #flush} (a claimed batch on a store that
     *                 {@linkplain JourneyStore#batchesWriteBack() batches its write-back}), false when
     *                 every write goes to the store at once
     * @param written  told of every journey write that landed, with the version it replaced
     */
    Pass(JourneyStore store, String owner, InstantSource clock, Duration lease, boolean batched,
         BiConsumer<Journey, Journey> written) {
        this.store = store;
        this.owner = owner;
        this.clock = clock;
        this.lease = lease;
        this.batched = batched;
        this.written = written;
    }

    /** The journeys of a claimed batch, leased until {@code until}: renewed by {@link #keepAlive}, released by {@link #flush}. */
    synchronized void hold(List<Journey> journeys, Instant until) {
        for (Journey journey : journeys) {
            held.add(journey.id());
        }
        leaseUntil = until;
    }

    /**
     * Reads the versions of a claimed batch (one call to the store), so that its journeys that no
     * other instance changed since the claim are worked from their claimed copies ({@link #claimedCopy}).
     */
    void checkVersions(List<Journey> claimed) {
        Instant at = clock.instant();
        List<JourneyId> ids = new ArrayList<>(claimed.size());
        for (Journey journey : claimed) {
            ids.add(journey.id());
        }
        Map<JourneyId, Long> versions = store.versions(ids);
        synchronized (this) {
            for (Journey journey : claimed) {
                if (Long.valueOf(journey.version()).equals(versions.get(journey.id()))) {
                    unchanged.put(journey.id(), journey);
                }
            }
            checkedAt = at;
        }
    }

    /**
     * The claimed copy of a journey of the batch if it is still the store's version (checked again
     * first if the last check is older than {@link #RECHECK_AFTER}), else null: read it from the
     * store. Each copy is handed out once.
     */
    Journey claimedCopy(JourneyId id) {
        synchronized (this) {
            if (!unchanged.containsKey(id)) {
                return null;
            }
            if (clock.instant().isBefore(checkedAt.plus(RECHECK_AFTER))) {
                return unchanged.remove(id);
            }
        }
        recheck();
        synchronized (this) {
            return unchanged.remove(id);
        }
    }

    /** Drops the claimed copies whose journeys the store holds at another version now. */
    private void recheck() {
        List<JourneyId> ids;
        Instant at = clock.instant();
        synchronized (this) {
            ids = new ArrayList<>(unchanged.keySet());
        }
        Map<JourneyId, Long> versions = store.versions(ids);
        synchronized (this) {
            unchanged.values().removeIf(j -> !Long.valueOf(j.version()).equals(versions.get(j.id())));
            checkedAt = at;
        }
    }

    /** Records contacts about to be offered, all in one call to the store. */
    void begin(List<DispatchIntent> intents) {
        if (intents.isEmpty()) {
            return;
        }
        Map<String, PriorDispatch> known = store.beginDispatches(intents, owner, clock.instant());
        synchronized (this) {
            for (DispatchIntent intent : intents) {
                begun.put(intent, known.getOrDefault(intent.key(), NEW));
            }
        }
    }

    /**
     * What the outbox knew of a contact about to be offered (null: it was new), beginning it first if
     * this pass has not.
     */
    PriorDispatch prior(DispatchIntent intent) {
        PriorDispatch prior;
        synchronized (this) {
            prior = begun.get(intent);
        }
        if (prior == null) {
            begin(List.of(intent));
            synchronized (this) {
                prior = begun.get(intent);
            }
        }
        return prior == NEW ? null : prior;
    }

    /** The adapter's answer to a begun contact. */
    synchronized void offered(DispatchIntent intent, DispatchResult result) {
        results.put(intent, result);
    }

    /**
     * Writes a journey: alone, at once with the answers so far (true if it landed); in a batch, at
     * {@link #flush} (true: a failed write is redone then).
     */
    boolean write(Journey before, Journey after) {
        if (batched) {
            synchronized (this) {
                writes.add(new Journey[]{before, after});
            }
            return true;
        }
        WriteBack back;
        synchronized (this) {
            back = new WriteBack(owner, List.of(after), results, unoffered(), List.of());
            results.clear();
            begun.clear();
        }
        boolean landed = store.writeBack(back)[0];
        if (landed) {
            written.accept(before, after);
        }
        return landed;
    }

    /**
     * Done with a journey of the batch: alone-writing passes end its lease now, batched ones with its
     * write-back ({@link #writeBackFinished} or {@link #flush}).
     */
    void finish(JourneyId id) {
        if (batched) {
            synchronized (this) {
                if (finished.isEmpty()) {
                    finishedSince = clock.instant();
                }
                finished.add(id);
            }
            return;
        }
        synchronized (this) {
            held.remove(id);
        }
        store.release(id, owner);
    }

    /** Forgets a journey's writes in this batch (it is written anew from the store's version, e.g. after an error). */
    synchronized void drop(JourneyId id) {
        writes.removeIf(w -> w[1].id().equals(id));
    }

    /** Renews the batch's leases when half of the lease has passed (called between journeys and while adapters answer). */
    void keepAlive() {
        Instant now = clock.instant();
        List<JourneyId> ids;
        Instant until;
        synchronized (this) {
            if (held.isEmpty() || now.isBefore(leaseUntil.minus(lease.dividedBy(2)))) {
                return;
            }
            ids = new ArrayList<>(held);
            until = now.plus(lease);
            leaseUntil = until;
        }
        store.renew(ids, now, new Lease(owner, until));
    }

    /**
     * Writes back the journeys finished so far if the first of them has waited {@link #WRITE_BACK_AFTER}
     * (a batch of slow contacts); the rest of the batch stays held.
     */
    void writeBackFinished() {
        Set<JourneyId> done;
        synchronized (this) {
            if (finished.isEmpty() || clock.instant().isBefore(finishedSince.plus(WRITE_BACK_AFTER))) {
                return;
            }
            done = new HashSet<>(finished);
        }
        writeBack(done::contains);
    }

    /**
     * Writes back the rest of the batch: answers, keys not offered, journeys, and the end of the
     * leases, in one write-back.
     *
     * @return for each journey whose write did not land (in this or an earlier write-back of the
     *         pass), the version it started from and the last one this pass wrote for it
     */
    Map<JourneyId, Journey[]> flush() {
        writeBack(id -> true);
        synchronized (this) {
            Map<JourneyId, Journey[]> out = new LinkedHashMap<>(lost);
            lost.clear();
            return out;
        }
    }

    /** Writes back what this pass holds for the journeys {@code which} accepts, in one call to the store. */
    private void writeBack(Predicate<JourneyId> which) {
        WriteBack back;
        List<Journey[]> pending = new ArrayList<>();
        synchronized (this) {
            List<Journey> journeys = new ArrayList<>();
            for (Iterator<Journey[]> it = writes.iterator(); it.hasNext(); ) {
                Journey[] w = it.next();
                if (which.test(w[1].id())) {
                    pending.add(w);
                    journeys.add(w[1]);
                    it.remove();
                }
            }
            Map<DispatchIntent, DispatchResult> answered = new LinkedHashMap<>();
            for (Iterator<Map.Entry<DispatchIntent, DispatchResult>> it = results.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<DispatchIntent, DispatchResult> e = it.next();
                if (which.test(e.getKey().journey())) {
                    answered.put(e.getKey(), e.getValue());
                    it.remove();
                }
            }
            Map<DispatchIntent, PriorDispatch.State> unoffered = new LinkedHashMap<>();
            for (Iterator<Map.Entry<DispatchIntent, PriorDispatch>> it = begun.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<DispatchIntent, PriorDispatch> e = it.next();
                if (which.test(e.getKey().journey())) {
                    if (!answered.containsKey(e.getKey())) {
                        unoffered.put(e.getKey(), stateIfUnoffered(e.getValue()));
                    }
                    it.remove();
                }
            }
            List<JourneyId> release = new ArrayList<>();
            for (Iterator<JourneyId> it = held.iterator(); it.hasNext(); ) {
                JourneyId id = it.next();
                if (which.test(id)) {
                    release.add(id);
                    it.remove();
                }
            }
            finished.removeIf(which);
            finishedSince = clock.instant();
            back = new WriteBack(owner, journeys, answered, unoffered, release);
        }
        if (back.journeys().isEmpty() && back.results().isEmpty() && back.unoffered().isEmpty() && back.release().isEmpty()) {
            return;
        }
        boolean[] landed = store.writeBack(back);
        List<Journey[]> landedWrites = new ArrayList<>(landed.length);
        synchronized (this) {
            for (int i = 0; i < landed.length; i++) {
                Journey[] w = pending.get(i);
                Journey[] earlier = lost.get(w[1].id());
                if (earlier != null) {
                    earlier[1] = w[1]; // a later version of a journey whose write did not land
                } else if (landed[i]) {
                    landedWrites.add(w);
                } else {
                    lost.put(w[1].id(), new Journey[]{w[0], w[1]});
                }
            }
        }
        landedWrites.forEach(w -> written.accept(w[0], w[1]));
    }

    /** Keys begun in this pass and not offered, with the state each goes back to. */
    private Map<DispatchIntent, PriorDispatch.State> unoffered() {
        Map<DispatchIntent, PriorDispatch.State> out = new LinkedHashMap<>();
        for (Map.Entry<DispatchIntent, PriorDispatch> e : begun.entrySet()) {
            if (!results.containsKey(e.getKey())) {
                out.put(e.getKey(), stateIfUnoffered(e.getValue()));
            }
        }
        return out;
    }

    /** The state a key begun and then not offered goes back to: null if it was new, IN_DOUBT if a dead offerer left it pending. */
    private static PriorDispatch.State stateIfUnoffered(PriorDispatch prior) {
        return prior == NEW ? null : prior.state() == PriorDispatch.State.PENDING ? PriorDispatch.State.IN_DOUBT : prior.state();
    }
}
