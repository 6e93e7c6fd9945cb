package io.cadencerules.policy;

import io.cadencerules.customer.Customer;

import java.time.ZoneId;
import java.util.List;

/**
 * Where a person may be, for the contact policy. The channels module ships one that reads the
 * address state and the phones' DDDs ({@code BrazilZoneResolver}); the default here knows only
 * the customer's explicit zone.
 */
@FunctionalInterface
public interface LocalityResolver {

    /**
     * Every place the customer may be, most reliable first.
     *
     * @param customer the customer
     * @return the candidates, never empty
     */
    List<Locality> localities(Customer customer);

    /**
     * The customer's explicit zone (else {@code defaultZone}) in {@code country}, with the address
     * state as the region. The state may be written with its country ({@code "US-NY"}), which then
     * overrides {@code country}.
     */
    static LocalityResolver explicit(String country, ZoneId defaultZone) {
        return customer -> {
            String state = customer.addressState();
            String c = country;
            if (state.length() > 3 && state.charAt(2) == '-') {
                c = state.substring(0, 2);
                state = state.substring(3);
            }
            ZoneId zone = customer.zone().orElse(defaultZone);
            return List.of(new Locality(c, state, zone, customer.zone().isPresent() ? "customer zone" : "default zone"));
        };
    }
}
