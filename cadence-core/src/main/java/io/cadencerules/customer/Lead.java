package io.cadencerules.customer;

import java.util.Objects;
import java.util.Optional;
import java.time.LocalDate;

/**
 * A lead, an abandoned cart or a deal: the subject of a sales cadence.
 *
 * @param key     lead / cart id
 * @param amount  the deal or cart value
 * @param product the product of interest, may be empty
 */
public record Lead(String key, Money amount, String product) implements Subject {

    public Lead {
        key = Subject.requireKey(key);
        Objects.requireNonNull(amount, "amount");
        product = product == null ? "" : product;
    }

    @Override
    public Optional<LocalDate> dueDate() {
        return Optional.empty();
    }

    @Override
    public Optional<Money> value() {
        return Optional.of(amount);
    }
}
