package io.cadencerules.channels.address;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One Brazilian state (UF) with its time zone(s).
 *
 * @param uf     the two-letter state code, e.g. "AM"
 * @param name   the state's name
 * @param zones  the IANA zones in the state, primary first
 * @param caveat what is uncertain about this row, or empty
 */
public record StateEntry(String uf, String name, List<ZoneId> zones, String caveat) {

    /** Validates the row. */
    public StateEntry {
        uf = requireUf(uf, "state");
        name = name == null ? "" : name.strip();
        zones = List.copyOf(Objects.requireNonNull(zones, "zones"));
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("state " + uf + " needs at least one time zone");
        }
        caveat = caveat == null ? "" : caveat.strip();
    }

    /** The primary zone (the first). */
    public ZoneId zone() {
        return zones.get(0);
    }

    static String requireUf(String uf, String what) {
        if (uf == null || !uf.strip().matches("[A-Z]{2}")) {
            throw new IllegalArgumentException(what + " UF must be two upper-case letters, but was '" + uf + "'");
        }
        return uf.strip();
    }
}
