package io.cadencerules.channels.address;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One zone a customer may be in, and where that inference comes from.
 *
 * @param zone   the zone
 * @param source what it was inferred from
 * @param detail the value it was inferred from: the UF, the masked phone and DDD…
 */
public record ZoneCandidate(ZoneId zone, Source source, String detail) {

    /** Where a zone comes from, most reliable first. */
    public enum Source {
        /** The customer's explicit zone. */
        EXPLICIT,
        /** The state of the customer's address. */
        ADDRESS_STATE,
        /** The DDD of one of the customer's Brazilian phone or WhatsApp numbers. */
        PHONE_DDD,
        /** Nothing was known: the resolver's default. */
        DEFAULT
    }

    /** Validates the fields. */
    public ZoneCandidate {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(source, "source");
        detail = detail == null ? "" : detail;
    }
}
