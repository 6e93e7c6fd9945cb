package io.cadencerules.channels.typed;

import io.cadencerules.channel.ContactRequest;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed pool with a cap of dials per number and local calendar day; each call takes the least used
 * number. One lock guards the counts: a dial is counted once, whatever the number of dispatch threads.
 */
final class DailyCappedCallerIds implements CallerIdPool {

    private final InstantSource clock;
    private final ZoneId zone;
    private final int cap;
    private final List<String> numbers;

    // guarded by this
    private LocalDate today;
    private final int[] dials;
    /** Today's dials per call and number, so that only a dial counted today can be released. */
    private final Map<Pick, Integer> picks = new HashMap<>();

    private record Pick(String idempotencyKey, String callerId) {
    }

    DailyCappedCallerIds(InstantSource clock, ZoneId zone, int cap, List<String> numbers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (cap < 1) {
            throw new IllegalArgumentException("caller ID daily cap must be at least 1 dial per number, but was " + cap);
        }
        this.cap = cap;
        this.numbers = RoundRobinCallerIds.checked(numbers);
        this.dials = new int[this.numbers.size()];
    }

    @Override
    public synchronized Optional<String> callerId(ContactRequest request) {
        Objects.requireNonNull(request, "request");
        rollOver();
        int best = 0;
        for (int i = 1; i < dials.length; i++) {
            if (dials[i] < dials[best]) {
                best = i;
            }
        }
        if (dials[best] >= cap) {
            return Optional.empty();
        }
        dials[best]++;
        String number = numbers.get(best);
        picks.merge(new Pick(request.idempotencyKey(), number), 1, Integer::sum);
        return Optional.of(number);
    }

    /** The next local midnight when every number reached the cap; empty while one is free. */
    @Override
    public synchronized Optional<Instant> nextFreeAt(ContactRequest request) {
        rollOver();
        for (int d : dials) {
            if (d < cap) {
                return Optional.empty();
            }
        }
        return Optional.of(today.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Uncounts a dial handed out today for this call; anything else (another day, another number) is ignored. */
    @Override
    public synchronized void release(ContactRequest request, String callerId) {
        rollOver();
        Pick pick = new Pick(request.idempotencyKey(), callerId);
        Integer n = picks.get(pick);
        if (n == null) {
            return;
        }
        if (n == 1) {
            picks.remove(pick);
        } else {
            picks.put(pick, n - 1);
        }
        dials[numbers.indexOf(callerId)]--;
    }

    @Override
    public synchronized Map<String, Integer> usage() {
        rollOver();
        Map<String, Integer> usage = new LinkedHashMap<>();
        for (int i = 0; i < dials.length; i++) {
            usage.put(numbers.get(i), dials[i]);
        }
        return Collections.unmodifiableMap(usage);
    }

    private void rollOver() {
        LocalDate date = clock.instant().atZone(zone).toLocalDate();
        if (today == null || date.isAfter(today)) { // a clock set back keeps today's counts: the safe side
            today = date;
            Arrays.fill(dials, 0);
            picks.clear();
        }
    }

    @Override
    public String toString() {
        return "daily cap " + cap + " per number in " + zone + " " + numbers;
    }
}
