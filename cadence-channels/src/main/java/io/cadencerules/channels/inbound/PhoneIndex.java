package io.cadencerules.channels.inbound;

import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An in-memory phone → customer index. The application feeds it with every customer it enrols
 * (and again when a customer's numbers change: {@link #add(Customer)} replaces that customer's
 * numbers). Thread-safe. Holds only ids and numbers; for millions of customers, implement
 * {@link PhoneDirectory} over the application's own database instead.
 */
public final class PhoneIndex implements PhoneDirectory {

    private final Map<String, Set<String>> byNumber = new HashMap<>();
    private final Map<String, Set<String>> byCustomer = new HashMap<>();

    /** An empty index. */
    public PhoneIndex() {
    }

    /**
     * Indexes a customer's phone and WhatsApp numbers, replacing those indexed before for the same id.
     *
     * @param customer the customer
     * @return this index
     */
    public synchronized PhoneIndex add(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        remove(customer.id());
        for (ContactPoint point : customer.contactPoints()) {
            if (point.type() != ContactPoint.Type.EMAIL) {
                put(point.value(), customer.id());
            }
        }
        return this;
    }

    /**
     * Indexes one number for a customer.
     *
     * @param e164       the number, E.164
     * @param customerId the customer
     * @return this index
     * @throws IllegalArgumentException when the number is not E.164 or the id is blank
     */
    public synchronized PhoneIndex put(String e164, String customerId) {
        if (e164 == null || !io.cadencerules.customer.ContactPoint.isE164(e164)) {
            throw new IllegalArgumentException("phone index number must be in E.164 form (+ and 7 to 15 digits), but was '" + e164 + "'");
        }
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("phone index customer id must not be blank, but was '" + customerId + "'");
        }
        byNumber.computeIfAbsent(e164, n -> new LinkedHashSet<>()).add(customerId);
        byCustomer.computeIfAbsent(customerId, c -> new LinkedHashSet<>()).add(e164);
        return this;
    }

    /**
     * Forgets a customer's numbers.
     *
     * @param customerId the customer
     * @return this index
     */
    public synchronized PhoneIndex remove(String customerId) {
        Set<String> numbers = byCustomer.remove(customerId);
        if (numbers != null) {
            for (String n : numbers) {
                Set<String> ids = byNumber.get(n);
                ids.remove(customerId);
                if (ids.isEmpty()) {
                    byNumber.remove(n);
                }
            }
        }
        return this;
    }

    @Override
    public synchronized List<String> customerIds(String e164) {
        return new ArrayList<>(byNumber.getOrDefault(e164, Set.of()));
    }

    /** How many numbers are indexed. */
    public synchronized int size() {
        return byNumber.size();
    }
}
