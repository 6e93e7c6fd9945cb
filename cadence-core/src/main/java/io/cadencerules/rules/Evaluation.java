package io.cadencerules.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one evaluation concluded: the conclusions in the order rules inserted them, and the names of
 * the rules that fired, in firing order. Conclusions are indexed by the fact they are about, so
 * looking up one fact's conclusions costs the same in a batch of 10 or 10,000.
 */
public final class Evaluation {

    private final List<Conclusion> conclusions;
    private final List<String> fired;
    private final Map<Object, List<Conclusion>> byFact;

    /** The conclusions and fired rules of one evaluation. */
    public Evaluation(List<Conclusion> conclusions, List<String> fired) {
        this.conclusions = List.copyOf(conclusions);
        this.fired = List.copyOf(fired);
        Map<Object, List<Conclusion>> grouped = new IdentityHashMap<>();
        for (Conclusion c : this.conclusions) {
            grouped.computeIfAbsent(c.about(), k -> new ArrayList<>(2)).add(c);
        }
        this.byFact = grouped;
    }

    /** Every conclusion inserted by a rule, in insertion order. */
    public List<Conclusion> conclusions() {
        return conclusions;
    }

    /** The rules that fired, in firing order. */
    public List<String> fired() {
        return fired;
    }

    /** The conclusions of a type about one fact (by identity), in insertion order. */
    public <T extends Conclusion> List<T> about(Object fact, Class<T> type) {
        List<Conclusion> own = byFact.get(fact);
        if (own == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(own.size());
        for (Conclusion c : own) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
        }
        return out;
    }

    /** The conclusions of a type, whatever they are about. */
    public <T extends Conclusion> List<T> all(Class<T> type) {
        return conclusions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The conclusions grouped by the fact they are about (identity). */
    public Map<Object, List<Conclusion>> byFact() {
        return Collections.unmodifiableMap(byFact);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation other && conclusions.equals(other.conclusions) && fired.equals(other.fired);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conclusions, fired);
    }

    @Override
    public String toString() {
        return "Evaluation[conclusions=" + conclusions + ", fired=" + fired + "]";
    }
}
