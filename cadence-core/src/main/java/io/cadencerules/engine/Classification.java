package io.cadencerules.engine;

import java.util.Set;

/**
 * What classification decided at enrolment.
 *
 * @param segments      segment tags added to the journey (steps select them with {@code segment(name)})
 * @param treatmentPath the treatment path, or empty; added to the journey's segments as {@code "path:NAME"}
 * @param detail        why (e.g. the rules that decided), recorded on the ENROLLED history entry
 */
public record Classification(Set<String> segments, String treatmentPath, String detail) {

    /** Nothing decided. */
    public static final Classification NONE = new Classification(Set.of(), "", "");

    public Classification {
        segments = Set.copyOf(segments == null ? Set.of() : segments);
        treatmentPath = treatmentPath == null ? "" : treatmentPath;
        detail = detail == null ? "" : detail;
    }

    /** The segment tag of a treatment path. */
    public static String pathSegment(String path) {
        return "path:" + path;
    }
}
