package io.cadencerules.channels.address;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Brazilian area code (DDD) with its state and time zone(s).
 *
 * @param ddd    the two-digit area code, 11 to 99
 * @param uf     the state (unidade federativa), e.g. "SP"
 * @param zones  the IANA zones the DDD covers, primary first; more than one means a calling window
 *               must hold in all of them
 * @param caveat what is uncertain about this row, or empty
 */
public record DddEntry(int ddd, String uf, List<ZoneId> zones, String caveat) {

    /** Validates the row. */
    public DddEntry {
        if (ddd < 11 || ddd > 99 || ddd % 10 == 0) {
            throw new IllegalArgumentException("DDD must be two digits from 11 to 99 not ending in 0, but was " + ddd);
        }
        uf = StateEntry.requireUf(uf, "DDD " + ddd);
        zones = List.copyOf(Objects.requireNonNull(zones, "zones"));
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("DDD " + ddd + " needs at least one time zone");
        }
        caveat = caveat == null ? "" : caveat.strip();
    }

    /** The primary zone (the first). */
    public ZoneId zone() {
        return zones.get(0);
    }

    /** True when the DDD spans more than one zone. */
    public boolean spansZones() {
        return zones.size() > 1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d %s %s", ddd, uf, zones);
    }
}
