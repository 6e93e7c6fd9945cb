package io.cadencerules.examples.bench;

import io.cadencerules.cadence.Branch;
import io.cadencerules.cadence.BranchAction;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Condition;
import io.cadencerules.cadence.Step;
import io.cadencerules.cadence.Timing;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.journey.JourneyId;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baseline of {@link SimulationBenchmark}: the collection régua written without the library, the
 * way a competent developer would with a {@code ScheduledThreadPoolExecutor} — one timer per
 * customer, re-armed for the customer's next step each time it fires.
 *
 * <p>The JDK's executor reads {@code System.nanoTime()} and cannot follow a virtual clock, so its
 * queue is reproduced here: {@link DelayQueue} is a binary heap of timer objects ordered by due time
 * then sequence number, each timer knowing its heap index (for removal on cancel), every operation
 * under one {@link ReentrantLock} with a leader/available condition, like {@code DelayedWorkQueue}.
 * A periodic-style task re-adds the same timer object with a new time and sequence number, as
 * {@code ScheduledFutureTask.reExecutePeriodic} does.
 *
 * <p>What one firing does, for its one customer, mirrors one step of the engine: the step's due
 * instant at its local time in the customer's zone, the agent step only for its segment, the same
 * {@link ContactRequest} (idempotency key, address, template, key menu) dispatched to the same kind
 * of adapter, a history record per decision, then the timer re-armed for the next step or, after the
 * last, for the end of the horizon. A full payment (idempotent on the event id) records the event and
 * the conversion and cancels the timer. The step table is read once from the {@link Cadence}.
 *
 * <p>Shared state is what a multi-threaded timer application needs: customers in a
 * {@link ConcurrentHashMap}, each timer's state guarded by its monitor (a webhook thread may pay
 * while a timer thread fires). The benchmark drives it from one thread.
 */
final class TimerQueueBaseline {

    /** What a history record is about (the subset of the engine's kinds this régua produces). */
    enum Kind { ENROLLED, SENT, SKIPPED, FAILED, EVENT, CONVERTED, COMPLETED }

    /** One remembered decision or event, like the engine's history entry. */
    record Decision(Instant at, Kind kind, String stepId, Channel channel, int attempt, String reason, String detail) {
    }

    /** One step of the régua, read once from the cadence definition: the baseline's configuration table. */
    private record StepDef(String id, int offsetDays, LocalTime at, Channel channel, ContactPoint.Type addressType,
                           String templateId, Map<String, Object> variables, String queue, Map<Character, String> menu,
                           String segment, String conditionText) {
    }

    /** A customer's one timer ({@code ScheduledFutureTask}-style) with the customer's state. */
    static final class CustomerTimer {
        long time;
        long sequence;
        int heapIndex = -1;

        final Customer customer;
        final Debt debt;
        final JourneyId journeyId;
        final ZoneId zone;
        /** The next step to fire; {@code steps.length} means the end of the horizon. */
        int next;
        boolean ended;
        final ArrayList<Decision> history = new ArrayList<>(4);

        CustomerTimer(Customer customer, Debt debt, JourneyId journeyId, ZoneId zone) {
            this.customer = customer;
            this.debt = debt;
            this.journeyId = journeyId;
            this.zone = zone;
        }
    }

    /**
     * A {@code DelayedWorkQueue}-style priority queue: a binary heap of timers ordered by time then
     * sequence number, indexed for O(log n) removal, guarded by one lock.
     */
    static final class DelayQueue {
        private final ReentrantLock lock = new ReentrantLock();
        private final java.util.concurrent.locks.Condition available = lock.newCondition();
        private CustomerTimer[] queue = new CustomerTimer[16];
        private int size;
        private Thread leader;
        private long sequencer;

        /** Adds (or re-adds) a timer at its {@code time}. */
        void offer(CustomerTimer task) {
            lock.lock();
            try {
                task.sequence = sequencer++;
                int i = size;
                if (i >= queue.length) {
                    queue = Arrays.copyOf(queue, i + (i >> 1));
                }
                size = i + 1;
                if (i == 0) {
                    queue[0] = task;
                    task.heapIndex = 0;
                } else {
                    siftUp(i, task);
                }
                if (queue[0] == task) {
                    leader = null;
                    available.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        /** The head if it is due at {@code nowMillis}, removed; else null. */
        CustomerTimer pollDue(long nowMillis) {
            lock.lock();
            try {
                CustomerTimer first = queue[0];
                return first == null || first.time > nowMillis ? null : finishPoll(first);
            } finally {
                lock.unlock();
            }
        }

        /** Removes a timer (a cancel with remove-on-cancel); false if it was not queued. */
        boolean remove(CustomerTimer task) {
            lock.lock();
            try {
                int i = task.heapIndex;
                if (i < 0 || i >= size || queue[i] != task) {
                    return false;
                }
                task.heapIndex = -1;
                int s = --size;
                CustomerTimer replacement = queue[s];
                queue[s] = null;
                if (s != i) {
                    siftDown(i, replacement);
                    if (queue[i] == replacement) {
                        siftUp(i, replacement);
                    }
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** The head's due time, or {@code Long.MAX_VALUE} when empty. */
        long peekTime() {
            lock.lock();
            try {
                return size == 0 ? Long.MAX_VALUE : queue[0].time;
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return size;
            } finally {
                lock.unlock();
            }
        }

        private CustomerTimer finishPoll(CustomerTimer first) {
            int s = --size;
            CustomerTimer x = queue[s];
            queue[s] = null;
            if (s != 0) {
                siftDown(0, x);
            }
            first.heapIndex = -1;
            return first;
        }

        private void siftUp(int k, CustomerTimer key) {
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                CustomerTimer e = queue[parent];
                if (compare(key, e) >= 0) {
                    break;
                }
                queue[k] = e;
                e.heapIndex = k;
                k = parent;
            }
            queue[k] = key;
            key.heapIndex = k;
        }

        private void siftDown(int k, CustomerTimer key) {
            int half = size >>> 1;
            while (k < half) {
                int child = (k << 1) + 1;
                CustomerTimer c = queue[child];
                int right = child + 1;
                if (right < size && compare(c, queue[right]) > 0) {
                    c = queue[child = right];
                }
                if (compare(key, c) <= 0) {
                    break;
                }
                queue[k] = c;
                c.heapIndex = k;
                k = child;
            }
            queue[k] = key;
            key.heapIndex = k;
        }

        private static int compare(CustomerTimer a, CustomerTimer b) {
            if (a == b) {
                return 0;
            }
            long diff = a.time - b.time;
            if (diff != 0) {
                return diff < 0 ? -1 : 1;
            }
            return a.sequence < b.sequence ? -1 : 1;
        }
    }

    private final String cadenceId;
    private final StepDef[] steps;
    private final int horizonDays;
    private final ZoneId defaultZone;
    private final ChannelAdapter adapter;
    private final DelayQueue queue = new DelayQueue();
    private final ConcurrentHashMap<String, CustomerTimer> byCustomer = new ConcurrentHashMap<>();
    private final Set<String> seenEvents = ConcurrentHashMap.newKeySet();

    /**
     * @param cadence     the régua: day-offset steps with no fallbacks, segment conditions only
     * @param adapter     where every contact goes
     * @param defaultZone the zone of customers without one (the engine's default)
     */
    TimerQueueBaseline(Cadence cadence, ChannelAdapter adapter, ZoneId defaultZone) {
        this.cadenceId = cadence.id();
        this.adapter = adapter;
        this.defaultZone = defaultZone;
        this.horizonDays = cadence.horizonDays();
        List<StepDef> defs = new ArrayList<>();
        for (Step step : cadence.steps()) {
            if (!(step.timing() instanceof Timing.Offset offset) || !step.fallbacks().isEmpty()
                    || (step.condition() != null && !(step.condition() instanceof Condition.Segment))) {
                throw new IllegalArgumentException("the baseline runs day-offset steps without fallbacks and with segment "
                        + "conditions only, but step '" + step.id() + "' is " + step);
            }
            Map<Character, String> menu = new LinkedHashMap<>();
            if (step.channel() == Channel.OUTBOUND_IVR) {
                for (Branch branch : step.branches()) {
                    if (branch.trigger() instanceof Branch.Trigger.Key key && branch.action() instanceof BranchAction.HandOff h) {
                        menu.put(key.digit(), "agent: " + h.queue());
                    }
                }
            }
            String segment = step.condition() instanceof Condition.Segment s ? s.name() : null;
            defs.add(new StepDef(step.id(), offset.days(), offset.at() != null ? offset.at() : cadence.sendTime(),
                    step.channel(), step.channel().addressType(), step.action().templateId(),
                    Map.copyOf(step.action().variables()), step.action().queue(), Map.copyOf(menu), segment,
                    segment == null ? null : "segment '" + segment + "'"));
        }
        this.steps = defs.toArray(StepDef[]::new);
    }

    /** Starts a customer's régua at {@code now}: records the enrolment and arms the customer's timer. */
    void enrol(Customer customer, Debt debt, Instant now) {
        CustomerTimer timer = new CustomerTimer(customer, debt, new JourneyId(customer.id(), debt.key(), cadenceId, 1),
                customer.zone().orElse(defaultZone));
        synchronized (timer) {
            timer.history.add(new Decision(now, Kind.ENROLLED, null, null, 0, "enrolled", ""));
            long nowMillis = now.toEpochMilli();
            while (timer.next < steps.length) {
                Instant due = dueOf(timer, timer.next);
                if (due.toEpochMilli() >= nowMillis) {
                    break;
                }
                StepDef step = steps[timer.next];
                timer.history.add(new Decision(now, Kind.SKIPPED, step.id(), step.channel(), 0, "before-enrolment",
                        "was due " + due));
                timer.next++;
            }
            if (byCustomer.putIfAbsent(customer.id(), timer) != null) {
                return; // already enrolled
            }
            timer.time = dueOf(timer, timer.next).toEpochMilli();
        }
        queue.offer(timer);
    }

    /** Fires every timer due at {@code now}, earliest first; returns how many fired. */
    long runDue(Instant now) {
        long nowMillis = now.toEpochMilli();
        long fired = 0;
        CustomerTimer timer;
        while ((timer = queue.pollDue(nowMillis)) != null) {
            if (fire(timer, now)) {
                queue.offer(timer);
            }
            fired++;
        }
        return fired;
    }

    /** Applies a payment at {@code now}: a full one ends the customer's régua. Idempotent on the event id. */
    boolean pay(PaymentReceived payment, Instant now) {
        if (!payment.full() || !seenEvents.add(payment.id())) {
            return false;
        }
        CustomerTimer timer = byCustomer.get(payment.customerId());
        if (timer == null || !timer.debt.key().equals(payment.subjectKey())) {
            return false;
        }
        synchronized (timer) {
            if (timer.ended) {
                return false;
            }
            queue.remove(timer);
            timer.history.add(new Decision(now, Kind.EVENT, null, null, 0, "payment-received",
                    "full payment " + payment.amount() + "; event " + payment.id()));
            timer.history.add(new Decision(now, Kind.CONVERTED, null, null, 0, "goal-reached",
                    "payment-received " + payment.id()));
            timer.ended = true;
            return true;
        }
    }

    /** The earliest armed timer's due time, or null. */
    Instant nextDue() {
        long time = queue.peekTime();
        return time == Long.MAX_VALUE ? null : Instant.ofEpochMilli(time);
    }

    /** Customers enrolled. */
    int customers() {
        return byCustomer.size();
    }

    /** Customers whose régua ended with a payment. */
    long converted() {
        return byCustomer.values().stream().filter(t -> t.ended && t.history.get(t.history.size() - 1).kind() == Kind.CONVERTED)
                .count();
    }

    /** History records kept over all customers. */
    long historyRecords() {
        return byCustomer.values().stream().mapToLong(t -> t.history.size()).sum();
    }

    /** Timers armed. */
    int armed() {
        return queue.size();
    }

    /** Runs a timer's current step; true when it must be re-armed (its time updated). */
    private boolean fire(CustomerTimer timer, Instant now) {
        synchronized (timer) {
            if (timer.ended) {
                return false;
            }
            if (timer.next == steps.length) {
                timer.history.add(new Decision(now, Kind.COMPLETED, null, null, 0, "horizon-reached", ""));
                timer.ended = true;
                return false;
            }
            StepDef step = steps[timer.next];
            if (step.segment() != null && !timer.customer.inSegment(step.segment())) {
                timer.history.add(new Decision(now, Kind.SKIPPED, step.id(), step.channel(), 1, "condition-not-met",
                        step.conditionText()));
            } else {
                Optional<ContactPoint> address = timer.customer.first(step.addressType());
                if (address.isEmpty()) {
                    timer.history.add(new Decision(now, Kind.SKIPPED, step.id(), step.channel(), 1, "no-contact-point",
                            "customer has no " + step.addressType()));
                } else {
                    String key = timer.journeyId + "/" + step.id() + "/1/" + step.channel().name() + "/1";
                    ContactRequest request = new ContactRequest(key, timer.journeyId, step.id(), 1, step.channel(),
                            address.get(), step.templateId(), step.variables(), step.queue(), step.menu(), timer.customer,
                            timer.debt, now);
                    DispatchResult result = dispatch(request);
                    if (result instanceof DispatchResult.Accepted accepted) {
                        timer.history.add(new Decision(now, Kind.SENT, step.id(), step.channel(), 1, "accepted",
                                accepted.providerId()));
                    } else {
                        timer.history.add(new Decision(now, Kind.FAILED, step.id(), step.channel(), 1, "provider-failed",
                                String.valueOf(result)));
                    }
                }
            }
            timer.next++;
            timer.time = dueOf(timer, timer.next).toEpochMilli();
            return true;
        }
    }

    private DispatchResult dispatch(ContactRequest request) {
        try {
            return adapter.dispatch(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DispatchResult.unknown("interrupted");
        } catch (Exception e) {
            return DispatchResult.unknown(String.valueOf(e));
        }
    }

    /** Step {@code index}'s due instant at its local time in the customer's zone; past the last, the horizon's end. */
    private Instant dueOf(CustomerTimer timer, int index) {
        if (index == steps.length) {
            return timer.debt.due().atStartOfDay(timer.zone).plusDays(horizonDays).toInstant();
        }
        StepDef step = steps[index];
        return ZonedDateTime.of(timer.debt.due().plusDays(step.offsetDays()), step.at(), timer.zone).toInstant();
    }
}
