package io.cadencerules.channels.typed;

import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.ContactPoint;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** A fixed pool used in turn. */
final class RoundRobinCallerIds implements CallerIdPool {

    private final List<String> numbers;
    private final AtomicLong next = new AtomicLong();

    RoundRobinCallerIds(List<String> numbers) {
        this.numbers = checked(numbers);
    }

    /** The numbers, copied, after checking that there is at least one, each in E.164 form and listed once. */
    static List<String> checked(List<String> numbers) {
        if (numbers == null || numbers.isEmpty()) {
            throw new IllegalArgumentException("caller ID pool must have at least one number, but was " + numbers);
        }
        Set<String> seen = new HashSet<>();
        for (String n : numbers) {
            if (n == null || !ContactPoint.isE164(n)) {
                throw new IllegalArgumentException("caller ID must be in E.164 form (+ and 7 to 15 digits), but was '" + n + "'");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("caller ID pool lists '" + n + "' more than once");
            }
        }
        return List.copyOf(numbers);
    }

    @Override
    public Optional<String> callerId(ContactRequest request) {
        return Optional.of(numbers.get((int) Math.floorMod(next.getAndIncrement(), (long) numbers.size())));
    }

    @Override
    public String toString() {
        return "round-robin " + numbers;
    }
}
