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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One pass of due processing: a claimed batch, or one journey taken alone. It keeps what the pass
 * began in the store's outbox, the adapters' answers and (for a batch) the journey writes and the
 * leases, and hands them to the store in one {@link JourneyStore#writeBack}: for a batch at
 * {@link #flush()}, alone at every write. Thread-safe: the journeys of a batch may be processed on
 * an executor.
 */
final class Pass {

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

    /** Done with a journey of the batch: alone-writing passes end its lease now, batched ones at {@link #flush}. */
    void finish(JourneyId id) {
        if (batched) {
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
     * Writes the batch: answers, keys not offered, journeys, and the end of the leases, in one
     * write-back.
     *
     * @return for each journey whose write did not land, the version it started from and the last
     *         one this pass wrote for it
     */
    Map<JourneyId, Journey[]> flush() {
        WriteBack back;
        List<Journey[]> pending;
        synchronized (this) {
            pending = new ArrayList<>(writes);
            List<Journey> journeys = new ArrayList<>(pending.size());
            for (Journey[] w : pending) {
                journeys.add(w[1]);
            }
            back = new WriteBack(owner, journeys, results, unoffered(), new ArrayList<>(held));
            writes.clear();
            results.clear();
            begun.clear();
            held.clear();
        }
        boolean[] landed = store.writeBack(back);
        Map<JourneyId, Journey[]> lost = new LinkedHashMap<>();
        for (int i = 0; i < landed.length; i++) {
            Journey[] w = pending.get(i);
            Journey[] earlier = lost.get(w[1].id());
            if (earlier != null) {
                earlier[1] = w[1]; // a later version of a journey whose write did not land
            } else if (landed[i]) {
                written.accept(w[0], w[1]);
            } else {
                lost.put(w[1].id(), new Journey[]{w[0], w[1]});
            }
        }
        return lost;
    }

    /** Keys begun in this pass and not offered, with their state before (null: new). */
    private Map<DispatchIntent, PriorDispatch.State> unoffered() {
        Map<DispatchIntent, PriorDispatch.State> out = new LinkedHashMap<>();
        for (Map.Entry<DispatchIntent, PriorDispatch> e : begun.entrySet()) {
            if (!results.containsKey(e.getKey())) {
                PriorDispatch prior = e.getValue();
                out.put(e.getKey(), prior == NEW ? null : prior.state() == PriorDispatch.State.PENDING
                        ? PriorDispatch.State.IN_DOUBT : prior.state());
            }
        }
        return out;
    }
}
