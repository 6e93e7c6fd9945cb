package io.cadencerules.policy;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * One place a person may be: a country, a state and a time zone, and where that comes from. A
 * person can have several (the address says São Paulo, the phone's DDD says Amazonas); the contact
 * policy applies the packs of every one and allows only the hours valid in all of their zones.
 *
 * @param country ISO 3166 alpha-2 code, e.g. {@code BR}
 * @param region  the state (a Brazilian UF such as {@code SP}, a US state such as {@code NY}), or a
 *                place below it ({@code SP-3550308}, a municipality's IBGE code: its holidays then apply), or empty
 * @param zone    the time zone
 * @param source  where it was inferred from, for the record (e.g. {@code "address SP"}, {@code "DDD 92"})
 */
public record Locality(String country, String region, ZoneId zone, String source) {

    public Locality {
        if (country == null || !country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("locality country must be an ISO code such as BR, but was '" + country + "'");
        }
        region = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
        Objects.requireNonNull(zone, "zone");
        source = source == null ? "" : source;
    }
}
