package io.cadencerules.engine;

import io.cadencerules.cadence.Cadence;

/**
 * Checks a cadence when it is registered, beyond its own validation: e.g. that every template it
 * names exists and every variable the templates use is provided ({@code TemplateCatalog}). A
 * cadence that fails is refused at registration, not at send time.
 */
@FunctionalInterface
public interface CadenceValidator {

    /**
     * @throws IllegalArgumentException naming the cadence, step and what is wrong
     */
    void validate(Cadence cadence);
}
