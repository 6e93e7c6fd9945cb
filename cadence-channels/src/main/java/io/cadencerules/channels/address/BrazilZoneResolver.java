package io.cadencerules.channels.address;

import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.engine.ZoneResolver;
import io.cadencerules.policy.Locality;
import io.cadencerules.policy.LocalityResolver;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ZoneResolver} for Brazilian customers: the customer's explicit zone, else the primary
 * zone of the address state (UF), else the primary zone of the first Brazilian phone's DDD (phones
 * first, then WhatsApp numbers), else a default. Register it with
 * {@code CadenceEngine.builder().zones(BrazilZoneResolver.standard())}.
 *
 * <p>Mobile numbers keep their DDD when their owners move, so the address wins over the DDD; but
 * the two can disagree, and a state or a DDD can span zones (Amazonas, DDD 97). A contact policy
 * should therefore allow only the hours valid in every zone of {@link #candidateZones}.
 */
public final class BrazilZoneResolver implements ZoneResolver, LocalityResolver {

    private final PhoneNumbers phones;
    private final BrazilNumbering numbering;
    private final ZoneId defaultZone;

    /**
     * A resolver.
     *
     * @param numbering   the DDD and state tables
     * @param defaultZone the zone when nothing is known
     */
    public BrazilZoneResolver(BrazilNumbering numbering, ZoneId defaultZone) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.phones = new PhoneNumbers(numbering, "BR");
    }

    /** The resolver with the shipped tables and {@code America/Sao_Paulo} (Brasília time) as the default. */
    public static BrazilZoneResolver standard() {
        return new BrazilZoneResolver(BrazilNumbering.standard(), ZoneId.of("America/Sao_Paulo"));
    }

    /**
     * The zone the engine computes the customer's local times in.
     *
     * @param customer the customer
     * @return explicit zone, else address state's primary zone, else first phone DDD's primary zone, else the default
     */
    @Override
    public ZoneId zoneOf(Customer customer) {
        return candidates(customer).get(0).zone();
    }

    /**
     * Every zone inference for the customer, most reliable first: the explicit zone, the address
     * state's zones, the zones of each Brazilian phone and WhatsApp number's DDD; the default alone
     * when there is none. The first candidate is {@link #zoneOf}.
     *
     * @param customer the customer
     * @return the candidates, never empty
     */
    public List<ZoneCandidate> candidates(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        List<ZoneCandidate> out = new ArrayList<>();
        customer.zone().ifPresent(z -> out.add(new ZoneCandidate(z, ZoneCandidate.Source.EXPLICIT, "customer zone")));
        Optional<StateEntry> state = numbering.state(customer.addressState());
        state.ifPresent(s -> s.zones().forEach(z -> out.add(new ZoneCandidate(z, ZoneCandidate.Source.ADDRESS_STATE, s.uf()))));
        for (ContactPoint point : brazilianPhones(customer)) {
            PhoneCheck check = phones.check(point.value());
            for (ZoneId zone : check.zones()) {
                out.add(new ZoneCandidate(zone, ZoneCandidate.Source.PHONE_DDD,
                        Masking.phone(point.value()) + " DDD " + check.ddd() + " " + check.uf()));
            }
        }
        if (out.isEmpty()) {
            out.add(new ZoneCandidate(defaultZone, ZoneCandidate.Source.DEFAULT, "no zone, state or Brazilian phone"));
        }
        return List.copyOf(out);
    }

    /**
     * The zones a contact policy must respect: only the explicit zone when the customer has one (the
     * application knows better); else every zone of the address state and of the phones' DDDs, since
     * they can disagree; else the default. A calling window should hold in all of them.
     *
     * @param customer the customer
     * @return distinct zones, most reliable first, never empty
     */
    public Set<ZoneId> candidateZones(Customer customer) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        for (ZoneCandidate c : candidates(customer)) {
            if (c.source() == ZoneCandidate.Source.EXPLICIT) {
                return Set.of(c.zone());
            }
            zones.add(c.zone());
        }
        return java.util.Collections.unmodifiableSet(zones);
    }

    /**
     * The places a contact policy must respect ({@link LocalityResolver}): the explicit zone alone
     * when there is one (in the address state, if any, else in the first phone's country); else the zones of the address state and of
     * every Brazilian phone's DDD, each with its state; else the default zone in Brazil.
     *
     * <p>The address state may be a Brazilian UF ({@code "SP"} or {@code "BR-SP"}) or a US state
     * written with its country ({@code "US-NY"}; a state spanning zones gives one place per zone).
     * US phone numbers are not placed by area code: give a US customer an address state or a zone.
     *
     * @param customer the customer
     * @return the places, never empty
     */
    @Override
    public List<Locality> localities(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        String state = customer.addressState();
        String country = "BR";
        if (state.length() == 5 && state.charAt(2) == '-') {
            country = state.substring(0, 2);
            state = state.substring(3);
        }
        List<Locality> out = new ArrayList<>();
        List<ZoneId> stateZones = switch (country) {
            case "BR" -> numbering.state(state).map(StateEntry::zones).orElse(List.of());
            case "US" -> UsStates.zones(state);
            default -> List.of();
        };
        Optional<ZoneId> explicit = customer.zone();
        if (explicit.isPresent()) {
            if (!stateZones.isEmpty()) {
                return List.of(new Locality(country, state, explicit.get(), "customer zone"));
            }
            return List.of(new Locality(phoneCountry(customer), "", explicit.get(), "customer zone"));
        }
        for (ZoneId zone : stateZones) {
            out.add(new Locality(country, state, zone, "address " + country + "-" + state));
        }
        for (ContactPoint point : brazilianPhones(customer)) {
            PhoneCheck check = phones.check(point.value());
            for (ZoneId zone : check.zones()) {
                Locality place = new Locality("BR", check.uf(), zone, "DDD " + check.ddd());
                if (out.stream().noneMatch(p -> p.zone().equals(zone) && p.region().equals(place.region()))) {
                    out.add(place);
                }
            }
        }
        if (out.isEmpty()) {
            out.add(new Locality("BR", "", defaultZone, "default zone"));
        }
        return List.copyOf(out);
    }

    /** The phone, then WhatsApp, numbers with a Brazilian DDD, in order of preference. */
    private List<ContactPoint> brazilianPhones(Customer customer) {
        List<ContactPoint> out = new ArrayList<>();
        for (ContactPoint.Type type : List.of(ContactPoint.Type.PHONE, ContactPoint.Type.WHATSAPP)) {
            for (ContactPoint point : customer.contactPoints()) {
                if (point.type() == type) {
                    PhoneCheck check = phones.check(point.value());
                    if (check.isBrazilian() && check.ddd() != 0) {
                        out.add(point);
                    }
                }
            }
        }
        return out;
    }

    /** The country of the first phone whose country code is +55 or +1, else Brazil. */
    private String phoneCountry(Customer customer) {
        for (ContactPoint point : customer.contactPoints()) {
            if (point.type() != ContactPoint.Type.EMAIL) {
                PhoneCheck check = phones.check(point.value());
                if (check.valid() && check.countryCode() == 1) {
                    return "US";
                }
                if (check.valid() && check.countryCode() == 55) {
                    return "BR";
                }
            }
        }
        return "BR";
    }

    @Override
    public String toString() {
        return "BrazilZoneResolver[default=" + defaultZone + "]";
    }
}
