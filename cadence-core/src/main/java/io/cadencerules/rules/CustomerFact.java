package io.cadencerules.rules;

import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;

import java.util.Map;
import java.util.Set;

/**
 * The customer as rules see it. {@code ddd} is the Brazilian area code of the first phone
 * ({@code "+5592…"} → {@code "92"}), empty when there is none.
 */
public final class CustomerFact {

    private final Customer customer;
    private final String ddd;

    /** Wraps a customer. */
    public CustomerFact(Customer customer) {
        this.customer = customer;
        this.ddd = customer.first(ContactPoint.Type.PHONE).map(p -> dddOf(p.value())).orElse("");
    }

    static String dddOf(String e164) {
        return e164.startsWith("+55") && e164.length() >= 5 ? e164.substring(3, 5) : "";
    }

    /** The wrapped customer. */
    public Customer getCustomer() {
        return customer;
    }

    public String getId() {
        return customer.id();
    }

    public String getName() {
        return customer.name();
    }

    public Set<String> getSegments() {
        return customer.segments();
    }

    /** Address state (UF), e.g. "SP"; empty when unknown. */
    public String getState() {
        return customer.addressState();
    }

    public String getDdd() {
        return ddd;
    }

    /** The explicit zone id, e.g. "America/Manaus", or empty. */
    public String getZone() {
        return customer.zone().map(Object::toString).orElse("");
    }

    public Map<String, String> getAttributes() {
        return customer.attributes();
    }

    /** An attribute, or empty. */
    public String attribute(String key) {
        return customer.attributes().getOrDefault(key, "");
    }

    /** A numeric attribute, or 0 when absent or not a number. */
    public double number(String key) {
        try {
            return Double.parseDouble(customer.attributes().getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean isHasPhone() {
        return customer.first(ContactPoint.Type.PHONE).isPresent();
    }

    public boolean isHasEmail() {
        return customer.first(ContactPoint.Type.EMAIL).isPresent();
    }

    @Override
    public String toString() {
        return "Customer " + customer.id();
    }
}
