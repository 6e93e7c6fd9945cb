package io.cadencerules.engine;

import io.cadencerules.customer.Customer;

import java.time.ZoneId;

/**
 * Chooses the zone a customer's local times are computed in. The default uses the customer's
 * explicit zone, else the engine's default zone; the policy module adds address-state and DDD
 * inference.
 */
@FunctionalInterface
public interface ZoneResolver {

    /** The customer's zone. */
    ZoneId zoneOf(Customer customer);
}
