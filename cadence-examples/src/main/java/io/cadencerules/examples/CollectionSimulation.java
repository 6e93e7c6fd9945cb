package io.cadencerules.examples;

import io.cadencerules.cadence.BranchAction;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.channels.address.BrazilZoneResolver;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.engine.CadenceListener;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.event.Event;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.PromiseToPay;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.RecordingChannel;
import io.cadencerules.testkit.VirtualClock;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded simulation of a collection portfolio run through the real engine: synthetic debtors
 * ({@link SyntheticPortfolio}) enrolled in {@link CollectionCadence}, a {@link VirtualClock} moved
 * hour by hour with {@code runDue()} after each step, {@link RecordingChannel} adapters on every
 * channel, and synthetic answers to each contact the engine sends: full payments, promises to pay
 * (kept or broken), partial payments, and key '1' in the IVR (hand-off to an agent).
 *
 * <p>Every random draw comes from a {@link SplittableRandom} split per customer from the seed, and
 * the engine runs single-threaded, so the same configuration always gives the same
 * {@link SimulationSummary}.
 *
 * <p>The response model is deliberately simple and stated here in full. Per contact, one draw:
 * <pre>
 *   channel       full payment  promise  partial  delay of the answer
 *   e-mail             2%          1%      0.5%     2–72 h
 *   SMS                4%          2%      1%       1–48 h
 *   voice blast        5%          2%      1%       1–48 h
 *   outbound IVR       8%          4%      1%       0–24 h   (before that, key '1' 10%: hand-off)
 *   agent             20%         15%      5%       0–6 h    (a promise is made on the call)
 * </pre>
 * A promise names a date 2–7 days ahead and is kept (paid in full by then) 60% of the time. A
 * partial payment is 30–60% of the open balance and does not end the journey.
 */
public final class CollectionSimulation {

    /** 09:00 in São Paulo on Monday 2 March 2026: the simulation's first instant. */
    public static final Instant START = Instant.parse("2026-03-02T12:00:00Z");
    /** Due dates fall on the first {@value} days of the simulation. */
    public static final int DUE_SPREAD_DAYS = 20;

    static final double KEY_ONE = 0.10;
    static final double PROMISE_KEPT = 0.60;

    private static final Map<Channel, Odds> ODDS = Map.of(
            Channel.EMAIL, new Odds(0.02, 0.01, 0.005, 2, 72),
            Channel.SMS, new Odds(0.04, 0.02, 0.01, 1, 48),
            Channel.VOICE_BLAST, new Odds(0.05, 0.02, 0.01, 1, 48),
            Channel.OUTBOUND_IVR, new Odds(0.08, 0.04, 0.01, 0, 24),
            Channel.AGENT, new Odds(0.20, 0.15, 0.05, 0, 6));

    /**
     * What to simulate.
     *
     * @param customers how many debtors, at least 1
     * @param days      how many days to run the clock, at least 1
     * @param seed      the seed of every random draw
     */
    public record Config(int customers, int days, long seed) {
        public Config {
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be at least 1, but was " + customers);
            }
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("days must be between 1 and 3650, but was " + days);
            }
        }

        /** The demo's defaults: 10,000 customers, 60 days, seed 42. */
        public static Config defaults() {
            return new Config(10_000, 60, 42);
        }
    }

    /** Chances of each answer to one contact, and the answer's delay in hours. */
    private record Odds(double pay, double promise, double partial, int minDelayHours, int maxDelayHours) {
    }

    private enum Answer { PAY, PAY_AS_PROMISED, PROMISE, PARTIAL }

    /** A contact the engine sent, seen through the listener. */
    private record Contact(int customer, Channel channel) {
    }

    /** An answer waiting for its hour. */
    private record Pending(int customer, Answer answer) {
    }

    private final Config config;
    private final VirtualClock clock = new VirtualClock(START);
    private final Map<Channel, RecordingChannel> channels = new EnumMap<>(Channel.class);
    private final CadenceEngine engine;
    private final Cadence cadence = CollectionCadence.collection();

    private final SyntheticPortfolio.Account[] accounts;
    private final SplittableRandom[] randoms;
    private final long[] balanceCents;
    private final boolean[] paid;
    private final int[] promiseOpenUntilHour;
    private final Map<String, Integer> indexById;
    private final ArrayDeque<Contact> contacts = new ArrayDeque<>();
    private final List<List<Pending>> pending;
    private long eventIds;

    private int handOffs;
    private int promisesMade;
    private int promisesKept;
    private int promisesBroken;
    private int partialPayments;
    private int fullPayments;
    private int answersAfterEnd;
    private long recoveredCents;

    private CollectionSimulation(Config config) {
        this.config = config;
        BrazilZoneResolver places = BrazilZoneResolver.standard();
        CadenceEngine.Builder builder = CadenceEngine.builder().clock(clock).instanceId("demo").zones(places)
                .policy(ContactPolicy.builder().localities(places).build());
        for (Channel channel : Channel.values()) {
            RecordingChannel recording = new RecordingChannel();
            channels.put(channel, recording);
            builder.channel(channel, recording);
        }
        builder.listener(new CadenceListener() {
            @Override
            public void onEntry(Journey journey, HistoryEntry entry) {
                if (entry.kind() == HistoryEntry.Kind.SENT) {
                    contacts.add(new Contact(indexById.get(journey.customerId()), entry.channel()));
                }
            }
        });
        this.engine = builder.build();

        int n = config.customers();
        accounts = new SyntheticPortfolio.Account[n];
        randoms = new SplittableRandom[n];
        balanceCents = new long[n];
        paid = new boolean[n];
        promiseOpenUntilHour = new int[n];
        indexById = new HashMap<>(n * 2);
        int hours = config.days() * 24;
        pending = new ArrayList<>(hours + 1);
        for (int h = 0; h <= hours; h++) {
            pending.add(new ArrayList<>(0));
        }
    }

    /** Runs the simulation and returns its summary. */
    public static SimulationSummary run(Config config) {
        return new CollectionSimulation(config).simulate();
    }

    private SimulationSummary simulate() {
        SplittableRandom root = new SplittableRandom(config.seed());
        LocalDate firstDue = START.atZone(ZoneId.of("America/Sao_Paulo")).toLocalDate();
        for (int i = 0; i < accounts.length; i++) {
            SplittableRandom random = root.split();
            randoms[i] = random;
            accounts[i] = SyntheticPortfolio.account(i, random, firstDue, DUE_SPREAD_DAYS);
            balanceCents[i] = accounts[i].debt().amount().amount().movePointRight(2).longValueExact();
            indexById.put(accounts[i].customer().id(), i);
        }
        for (SyntheticPortfolio.Account account : accounts) {
            engine.enroll(account.customer(), account.debt(), cadence);
        }
        answerContacts(0);

        int hours = config.days() * 24;
        for (int hour = 0; hour <= hours; hour++) {
            if (hour > 0) {
                clock.advance(Duration.ofHours(1));
            }
            for (Pending answer : pending.get(hour)) {
                deliver(answer, hour);
                answerContacts(hour);
            }
            pending.set(hour, List.of());
            engine.runDue();
            answerContacts(hour);
        }
        return summarize();
    }

    /** Draws an answer for every contact sent since the last call; immediate answers go in at once. */
    private void answerContacts(int hour) {
        while (!contacts.isEmpty()) {
            Contact contact = contacts.poll();
            int i = contact.customer();
            if (paid[i]) {
                continue;
            }
            SplittableRandom random = randoms[i];
            if (contact.channel() == Channel.OUTBOUND_IVR && random.nextDouble() < KEY_ONE) {
                handOffs++;
                Ids a = ids(i);
                handle(new KeyPressed(nextId(), clock.instant(), a.customerId, a.debtKey, '1'));
                continue;
            }
            Odds odds = ODDS.get(contact.channel());
            double draw = random.nextDouble();
            Answer answer;
            if (draw < odds.pay()) {
                answer = Answer.PAY;
            } else if (draw < odds.pay() + odds.promise()) {
                answer = Answer.PROMISE;
            } else if (draw < odds.pay() + odds.promise() + odds.partial()) {
                answer = Answer.PARTIAL;
            } else {
                continue;
            }
            int delay = random.nextInt(odds.minDelayHours(), odds.maxDelayHours() + 1);
            schedule(new Pending(i, answer), hour + delay, hour);
        }
    }

    private void schedule(Pending answer, int atHour, int now) {
        if (atHour == now) {
            deliver(answer, now);
        } else if (atHour < pending.size()) {
            pending.get(atHour).add(answer);
        }
    }

    private void deliver(Pending answer, int hour) {
        int i = answer.customer();
        if (paid[i]) {
            return;
        }
        Ids a = ids(i);
        Journey journey = engine.journey(new JourneyKey(a.customerId, a.debtKey, cadence.id())).orElseThrow();
        if (!journey.isLive()) {
            answersAfterEnd++;
            return;
        }
        SplittableRandom random = randoms[i];
        Instant now = clock.instant();
        switch (answer.answer()) {
            case PAY, PAY_AS_PROMISED -> {
                Money amount = brl(balanceCents[i]);
                if (applied(handle(new PaymentReceived(nextId(), now, a.customerId, a.debtKey, amount, true)))) {
                    paid[i] = true;
                    recoveredCents += balanceCents[i];
                    balanceCents[i] = 0;
                    fullPayments++;
                    if (answer.answer() == Answer.PAY_AS_PROMISED) {
                        promisesKept++;
                    }
                }
            }
            case PARTIAL -> {
                long part = balanceCents[i] * random.nextInt(30, 61) / 100;
                if (part > 0 && applied(handle(new PaymentReceived(nextId(), now, a.customerId, a.debtKey, brl(part), false)))) {
                    balanceCents[i] -= part;
                    recoveredCents += part;
                    partialPayments++;
                }
            }
            case PROMISE -> {
                if (promiseOpenUntilHour[i] > hour) {
                    return;
                }
                LocalDate by = now.atZone(journey.zone()).toLocalDate().plusDays(random.nextInt(2, 8));
                if (!applied(handle(new PromiseToPay(nextId(), now, a.customerId, a.debtKey, by, brl(balanceCents[i]))))) {
                    return;
                }
                promisesMade++;
                int until = (int) Duration.between(START, by.plusDays(1).atStartOfDay(journey.zone()).toInstant()).toHours();
                promiseOpenUntilHour[i] = until;
                if (random.nextDouble() < PROMISE_KEPT) {
                    schedule(new Pending(i, Answer.PAY_AS_PROMISED), random.nextInt(hour + 1, until), hour);
                } else {
                    promisesBroken++;
                }
            }
        }
    }

    private EventReceipt handle(Event event) {
        return engine.handle(event);
    }

    private static boolean applied(EventReceipt receipt) {
        return receipt.outcome() == EventReceipt.Outcome.APPLIED;
    }

    private String nextId() {
        return "sim-" + (++eventIds);
    }

    private static Money brl(long cents) {
        return new Money(BigDecimal.valueOf(cents, 2), Money.BRL);
    }

    /** The ids events carry. */
    private record Ids(String customerId, String debtKey) {
    }

    private Ids ids(int i) {
        return new Ids(accounts[i].customer().id(), accounts[i].debt().key());
    }

    private SimulationSummary summarize() {
        Map<JourneyStatus, Integer> byStatus = new EnumMap<>(JourneyStatus.class);
        for (JourneyStatus status : JourneyStatus.values()) {
            byStatus.put(status, 0);
        }
        Map<String, int[]> stops = new LinkedHashMap<>();
        for (Step step : cadence.steps()) {
            stops.put(stopKey(step.id(), step.channel()), new int[2]);
            if (step.branches().stream().anyMatch(b -> b.action() instanceof BranchAction.HandOff)) {
                stops.put(stopKey(step.id(), Channel.AGENT), new int[2]);
            }
        }
        stops.put(SimulationSummary.NO_CONTACT, new int[2]);
        Map<String, Integer> skipped = new TreeMap<>();
        long portfolioCents = 0;
        int highBalance = 0;
        for (SyntheticPortfolio.Account account : accounts) {
            portfolioCents += account.debt().amount().amount().movePointRight(2).longValueExact();
            if (account.customer().inSegment(CollectionCadence.HIGH_BALANCE)) {
                highBalance++;
            }
            Journey journey = engine.journey(new JourneyKey(account.customer().id(), account.debt().key(), cadence.id()))
                    .orElseThrow();
            byStatus.merge(journey.status(), 1, Integer::sum);
            String key = journey.stoppedAt().map(step -> stopKey(step, journey.lastChannel().orElseThrow()))
                    .orElse(SimulationSummary.NO_CONTACT);
            int[] row = stops.computeIfAbsent(key, k -> new int[2]);
            row[0]++;
            if (journey.status() == JourneyStatus.CONVERTED) {
                row[1]++;
            }
            for (HistoryEntry entry : journey.history()) {
                if (entry.kind() == HistoryEntry.Kind.SKIPPED) {
                    skipped.merge(entry.stepId() + " (" + entry.reason() + ")", 1, Integer::sum);
                }
            }
        }
        Map<Channel, Integer> contactsPerChannel = new EnumMap<>(Channel.class);
        for (Map.Entry<Channel, RecordingChannel> channel : channels.entrySet()) {
            contactsPerChannel.put(channel.getKey(), channel.getValue().sent().size());
        }
        List<SimulationSummary.StopRow> stopRows = new ArrayList<>();
        for (Map.Entry<String, int[]> row : stops.entrySet()) {
            stopRows.add(new SimulationSummary.StopRow(row.getKey(), row.getValue()[0], row.getValue()[1]));
        }
        SimulationSummary.Responses responses = new SimulationSummary.Responses(handOffs, fullPayments, promisesMade,
                promisesKept, promisesBroken, partialPayments, answersAfterEnd, engine.rejections().size());
        return new SimulationSummary(config, highBalance, BigDecimal.valueOf(portfolioCents, 2),
                BigDecimal.valueOf(recoveredCents, 2), byStatus, contactsPerChannel, stopRows, skipped, responses);
    }

    private static String stopKey(String stepId, Channel channel) {
        return stepId + " via " + channel;
    }
}
