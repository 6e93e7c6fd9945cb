package io.cadencerules.customer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * An appointment (a visit, an installation, a consultation): the subject of reminder cadences.
 * A {@code DUE_DATE} anchor uses the appointment's date.
 *
 * @param key    appointment id
 * @param at     the local date and time of the appointment, in the customer's zone
 * @param place  where, may be empty
 */
public record Appointment(String key, LocalDateTime at, String place) implements Subject {

    public Appointment {
        key = Subject.requireKey(key);
        Objects.requireNonNull(at, "at");
        place = place == null ? "" : place;
    }

    @Override
    public Optional<LocalDate> dueDate() {
        return Optional.of(at.toLocalDate());
    }

    @Override
    public Optional<Money> value() {
        return Optional.empty();
    }
}
