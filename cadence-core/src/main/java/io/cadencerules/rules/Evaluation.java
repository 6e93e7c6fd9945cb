package io.cadencerules.rules;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation concluded: the conclusions in the order rules inserted them, and the names of
 * the rules that fired, in firing order.
 *
 * @param conclusions every conclusion inserted by a rule
 * @param fired       the rules that fired
 */
public record Evaluation(List<Conclusion> conclusions, List<String> fired) {

    public Evaluation {
        conclusions = List.copyOf(conclusions);
        fired = List.copyOf(fired);
    }

    /** The conclusions of a type about one fact, in insertion order. */
    public <T extends Conclusion> List<T> about(Object fact, Class<T> type) {
        List<T> out = new ArrayList<>(2);
        for (Conclusion c : conclusions) {
            if (c.about() == fact && type.isInstance(c)) {
                out.add(type.cast(c));
            }
        }
        return out;
    }

    /** The conclusions of a type, whatever they are about. */
    public <T extends Conclusion> List<T> all(Class<T> type) {
        return conclusions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The conclusions grouped by the fact they are about (identity), for batch use. */
    public Map<Object, List<Conclusion>> byFact() {
        Map<Object, List<Conclusion>> grouped = new IdentityHashMap<>();
        for (Conclusion c : conclusions) {
            grouped.computeIfAbsent(c.about(), k -> new ArrayList<>(2)).add(c);
        }
        return grouped;
    }
}
