package io.cadencerules.store;

import io.cadencerules.customer.Customer;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where journeys live. The engine is the only writer; implementations must be thread-safe.
 *
 * <p>Contract (checked by {@code io.cadencerules.testkit.JourneyStoreContract}, which every
 * implementation's test extends):
 * <ul>
 *   <li>Writes are optimistic: {@link #replace} succeeds only when the stored version is exactly
 *       one below the new journey's version, so a late event and a claim never lose either write.</li>
 *   <li>{@link #claimDue} hands each due journey to one owner at a time; a lease that expires
 *       (a dead instance) makes the journey claimable again.</li>
 *   <li>{@link #markEventSeen} is the idempotency gate for events: true only the first time.</li>
 * </ul>
 */
public interface JourneyStore {

    /** Saves or replaces a customer's data (the latest enrolment wins). */
    void saveCustomer(Customer customer);

    /** A customer's data. */
    Optional<Customer> customer(String customerId);

    /** Inserts a new journey (version 1); false if a journey with the same id already exists. */
    boolean insert(Journey journey);

    /**
     * Replaces a journey if the stored version is {@code next.version() - 1}.
     *
     * @return false if the stored version differs (someone else wrote first) or the journey is unknown
     */
    boolean replace(Journey next);

    /**
     * Replaces several journeys, each exactly as {@link #replace} would, in list order (a journey may
     * appear more than once, e.g. versions 2 and 3). A store may write them in one round trip; the
     * default calls {@code replace} for each. A refused write does not stop the others.
     *
     * @return for each journey of the list, at the same index, whether it was written
     */
    default boolean[] replaceAll(List<Journey> journeys) {
        boolean[] written = new boolean[journeys.size()];
        for (int i = 0; i < written.length; i++) {
            written[i] = replace(journeys.get(i));
        }
        return written;
    }

    /**
     * Records contacts about to be offered to their adapters (the outbox), before the adapters are
     * called, so that a contact whose offerer dies is known to be in doubt and is never offered twice
     * without cause. Each key not known before becomes {@link PriorDispatch.State#PENDING}; a known
     * key's earlier state is answered (and, unless it was {@link PriorDispatch.State#SENT}, it
     * becomes pending again).
     *
     * <p>The default keeps no outbox and answers every key as new: right for a store that lives and
     * dies with its one engine (the in-memory stores), where nothing can be left in doubt by another
     * process. A store shared by several processes must keep one.
     *
     * @return what was known of each key, for the keys that were known
     */
    default Map<String, PriorDispatch> beginDispatches(List<DispatchIntent> intents, String owner, Instant at) {
        return Map.of();
    }

    /**
     * Writes what a pass of the engine produced, in one go when the store can: the adapters' answers
     * (keys become {@link PriorDispatch.State#SENT} or {@link PriorDispatch.State#RETRY}), the keys
     * begun but not offered (back to their earlier state, or forgotten if new), the journeys (each a
     * compare-and-set exactly as {@link #replace}), then the end of the owner's leases. A store with
     * an outbox also marks {@link PriorDispatch.State#IN_DOUBT} the keys still pending for a journey
     * written here: their offerer is gone, since this owner held the journey's lease.
     *
     * <p>The default writes the journeys with {@link #replaceAll} and releases each lease.
     *
     * @return for each journey of {@code writeBack.journeys()}, at the same index, whether it was written
     */
    default boolean[] writeBack(WriteBack writeBack) {
        boolean[] written = replaceAll(writeBack.journeys());
        for (JourneyId id : writeBack.release()) {
            release(id, writeBack.owner());
        }
        return written;
    }

    /**
     * True if the engine should hold a claimed batch's journey writes and send them in one
     * {@link #writeBack} at the end of the batch (a store where each write is a round trip to a
     * database), false to write each journey as soon as it is processed. Batching widens the time in
     * which an event may write a journey of the batch first; the engine then processes that journey
     * again, and only a store that keeps an outbox ({@link #beginDispatches}) can tell it which
     * contacts were already offered, so only such a store should answer true. Default false.
     */
    default boolean batchesWriteBack() {
        return false;
    }

    /**
     * Extends the owner's leases on journeys it still holds (a lease that expired and was not taken
     * by another owner is taken again). The default claims each one with {@link #claim}.
     */
    default void renew(Collection<JourneyId> ids, Instant now, Lease lease) {
        for (JourneyId id : ids) {
            claim(id, now, lease);
        }
    }

    /** Several customers' data, by id; unknown ids are left out. The default reads them one by one. */
    default Map<String, Customer> customers(Collection<String> customerIds) {
        Map<String, Customer> found = new HashMap<>();
        for (String id : customerIds) {
            customer(id).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    /**
     * The version each journey has now, by id; unknown ids are left out. On a store that
     * {@linkplain #batchesWriteBack() batches its write-back} the engine asks it for a claimed batch
     * (and again for the rest of the batch when the answer is 100 ms old), to work each unchanged
     * journey from its claimed copy instead of reading it again. The default reads them one by one.
     */
    default Map<JourneyId, Long> versions(Collection<JourneyId> ids) {
        Map<JourneyId, Long> found = new HashMap<>();
        for (JourneyId id : ids) {
            find(id).ifPresent(j -> found.put(id, j.version()));
        }
        return found;
    }

    /** A journey by id. */
    Optional<Journey> find(JourneyId id);

    /** The latest run for a key. */
    Optional<Journey> latest(JourneyKey key);

    /** Journeys matching the query, in no particular order. */
    List<Journey> query(JourneyQuery query);

    /**
     * Claims up to {@code limit} journeys due at or before {@code now} and not leased by a valid
     * lease, earliest due first, leasing each to {@code lease.owner()}.
     */
    List<Journey> claimDue(Instant now, int limit, Lease lease);

    /** Leases one journey if no valid lease of another owner holds it; true on success. */
    boolean claim(JourneyId id, Instant now, Lease lease);

    /** Ends the owner's lease on a journey (no-op if the owner does not hold it). */
    void release(JourneyId id, String owner);

    /**
     * The earliest time at which {@link #claimDue} will hand out an unleased journey, if any (a store
     * may round due times up, e.g. to whole milliseconds). A store shared by several instances may
     * also answer the end of a lease, when a journey held by another instance becomes claimable
     * should that instance die; the in-memory store leaves leased journeys out.
     */
    Optional<Instant> nextDue();

    /** True if the event id was handled before (and is still remembered). */
    boolean wasEventSeen(String eventId);

    /**
     * Records that an event id was handled; false if it had been seen before. Stores may forget
     * ids older than their retention window.
     */
    boolean markEventSeen(String eventId, Instant at);

    /** What a manual pause applies to. */
    enum PauseScope { CADENCE, CUSTOMER }

    /** Marks a cadence or customer as paused by hand (or not); shared by every engine on the store. */
    void setPaused(PauseScope scope, String id, boolean paused);

    /** The cadences or customers paused by hand. */
    java.util.Set<String> paused(PauseScope scope);

    /** Records a rejected input. */
    void recordRejection(Rejection rejection);

    /** The most recent rejections, oldest first, at most {@code limit}. */
    List<Rejection> rejections(int limit);
}
