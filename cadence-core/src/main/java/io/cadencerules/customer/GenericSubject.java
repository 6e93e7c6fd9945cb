package io.cadencerules.customer;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Any other subject (a registration to confirm, a plan change, a commemorative date) with an
 * optional date and value and free attributes.
 *
 * @param key        unique for the customer
 * @param kind       what it is, e.g. "registration"
 * @param date       the date a {@code DUE_DATE} anchor uses, or null
 * @param amount     a value, or null
 * @param attributes free attributes, copied
 */
public record GenericSubject(String key, String kind, LocalDate date, Money amount, Map<String, String> attributes)
        implements Subject {

    public GenericSubject {
        key = Subject.requireKey(key);
        Objects.requireNonNull(kind, "kind");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public Optional<LocalDate> dueDate() {
        return Optional.ofNullable(date);
    }

    @Override
    public Optional<Money> value() {
        return Optional.ofNullable(amount);
    }
}
