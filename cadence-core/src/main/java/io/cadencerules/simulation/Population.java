package io.cadencerules.simulation;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded generator of simulated people: where they live (state, area code and so time zone), their
 * contact points (some that look right but reach no one), segments, consents, the subject of their
 * journey (a debt, a lead, an appointment…) and hidden traits (how responsive, how prone to opt out).
 *
 * <p>Person {@code i} depends only on the seed and {@code i}: the same seed gives the same people, in any
 * order and in any number, so a population of a million costs nothing until a person is asked for.
 *
 * <pre>{@code
 * Population people = Population.builder()
 *         .subjects(Population.debts(Money.brl("50"), Money.brl("20000"), 20))
 *         .segment("new-customer", 0.2)
 *         .invalidPhones(0.03).invalidEmails(0.05)
 *         .consent(Channel.WHATSAPP, Purpose.MARKETING, 0.4)
 *         .build();
 * SimulatedCustomer first = people.person(0, 42L, start);
 * }</pre>
 */
public final class Population {

    /**
     * A region people are drawn from.
     *
     * @param state    the address state (Brazilian UF, or {@code US-XX})
     * @param areaCode the phone area code (Brazilian DDD) that goes with it
     * @param zone     its time zone
     * @param weight   relative share of the population
     */
    public record Region(String state, String areaCode, ZoneId zone, int weight) {
        public Region {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(zone, "zone");
            if (areaCode == null || !areaCode.matches("[1-9][0-9]")) {
                throw new IllegalArgumentException("region " + state + " area code must be two digits, but was '" + areaCode + "'");
            }
            if (weight < 1) {
                throw new IllegalArgumentException("region " + state + " weight must be at least 1, but was " + weight);
            }
        }

        static Region of(String state, String areaCode, String zone, int weight) {
            return new Region(state, areaCode, ZoneId.of(zone), weight);
        }
    }

    /** Brazil roughly by population, covering the four offsets (UTC-2 Noronha, -3, -4 and -5). */
    public static final List<Region> BRAZIL = List.of(
            Region.of("SP", "11", "America/Sao_Paulo", 22),
            Region.of("RJ", "21", "America/Sao_Paulo", 8),
            Region.of("MG", "31", "America/Sao_Paulo", 10),
            Region.of("PR", "41", "America/Sao_Paulo", 6),
            Region.of("RS", "51", "America/Sao_Paulo", 5),
            Region.of("DF", "61", "America/Sao_Paulo", 3),
            Region.of("GO", "62", "America/Sao_Paulo", 3),
            Region.of("BA", "71", "America/Bahia", 7),
            Region.of("PE", "81", "America/Recife", 5),
            Region.of("PE", "81", "America/Noronha", 1),
            Region.of("CE", "85", "America/Fortaleza", 5),
            Region.of("PA", "91", "America/Belem", 4),
            Region.of("AM", "92", "America/Manaus", 4),
            Region.of("MT", "65", "America/Cuiaba", 3),
            Region.of("MS", "67", "America/Campo_Grande", 3),
            Region.of("RO", "69", "America/Porto_Velho", 2),
            Region.of("AC", "68", "America/Rio_Branco", 2));

    /** Makes the subject of a person's main journey. */
    @FunctionalInterface
    public interface SubjectMaker {
        /**
         * The subject for person {@code index}.
         *
         * @param index    the person's index
         * @param customer the person as the engine will see them
         * @param random   the person's own random source (draw only from it)
         * @param start    the simulation's first day, in the person's zone
         */
        Subject make(int index, Customer customer, SplittableRandom random, LocalDate start);
    }

    private final List<Region> regions;
    private final int totalWeight;
    private final SubjectMaker subjects;
    private final Map<String, Double> segments;
    private final double invalidPhones;
    private final double invalidEmails;
    private final double whatsapp;
    private final Map<Consent, Double> consents;
    private final double responsivenessSpread;
    private final Map<String, List<String>> attributes;

    private Population(Builder b) {
        this.regions = List.copyOf(b.regions);
        this.totalWeight = regions.stream().mapToInt(Region::weight).sum();
        this.subjects = b.subjects;
        this.segments = Map.copyOf(b.segments);
        this.invalidPhones = b.invalidPhones;
        this.invalidEmails = b.invalidEmails;
        this.whatsapp = b.whatsapp;
        this.consents = new LinkedHashMap<>(b.consents);
        this.responsivenessSpread = b.responsivenessSpread;
        this.attributes = new LinkedHashMap<>(b.attributes);
    }

    /** A builder: Brazilian regions, debts of BRL 50–20,000 due over the first 20 days, 3% invalid phones, 5% invalid e-mails. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Person {@code index} of the population drawn with {@code seed}; the simulation starts at {@code start}.
     *
     * @throws IllegalArgumentException if the index is negative
     */
    public SimulatedCustomer person(int index, long seed, Instant start) {
        if (index < 0) {
            throw new IllegalArgumentException("person index must not be negative, but was " + index);
        }
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        String number = zeroPadded(index + 1, 7);
        Region region = region(random.nextInt(totalWeight));
        boolean phoneValid = random.nextDouble() >= invalidPhones;
        boolean emailValid = random.nextDouble() >= invalidEmails;
        // An invalid phone keeps the E.164 form but has an unassigned area code (20): channels' number checks catch it.
        String areaCode = phoneValid ? region.areaCode() : "20";
        String phone = "+55" + areaCode + "9" + zeroPadded(random.nextInt(100_000_000), 8);
        String email = emailValid ? "c" + number + "@example.com.br" : "c" + number + "@example";

        Customer.Builder customer = Customer.builder("c-" + number)
                .name("Cliente " + number)
                .phone(phone)
                .email(email)
                .zone(region.zone())
                .addressState(region.state())
                .attribute("ddd", region.areaCode());
        if (random.nextDouble() < whatsapp) {
            customer.whatsapp(phone);
        }
        for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
            List<String> values = attribute.getValue();
            customer.attribute(attribute.getKey(), values.get(random.nextInt(values.size())));
        }
        List<String> tags = new ArrayList<>(2);
        for (Map.Entry<String, Double> segment : segments.entrySet()) {
            if (random.nextDouble() < segment.getValue()) {
                tags.add(segment.getKey());
            }
        }
        customer.segments(tags.toArray(String[]::new));
        Instant consentAt = start.minus(Duration.ofDays(30));
        for (Map.Entry<Consent, Double> consent : consents.entrySet()) {
            if (random.nextDouble() < consent.getValue()) {
                Consent c = consent.getKey();
                customer.consent(new Consent(c.channel(), c.purpose(), true, consentAt));
            }
        }
        Customer built = customer.build();
        double responsiveness = trait(random, responsivenessSpread);
        double optOut = trait(random, responsivenessSpread);
        Subject subject = subjects.make(index, built, random, start.atZone(region.zone()).toLocalDate());
        return new SimulatedCustomer(index, built, subject, phoneValid, emailValid, responsiveness, optOut);
    }

    /** A multiplier around 1: uniform in [1 - spread, 1 + spread]. */
    private static double trait(SplittableRandom random, double spread) {
        return 1 - spread + 2 * spread * random.nextDouble();
    }

    /**
     * Debts: amounts log-uniform between {@code min} and {@code max} (many small, few large), due on one of the
     * first {@code dueSpreadDays} days of the run; keys {@code inv-0000001}, type "card".
     */
    public static SubjectMaker debts(Money min, Money max, int dueSpreadDays) {
        checkRange("debt", min, max);
        if (dueSpreadDays < 1) {
            throw new IllegalArgumentException("due-date spread must be at least 1 day, but was " + dueSpreadDays);
        }
        return (index, customer, random, start) -> new Debt("inv-" + zeroPadded(index + 1, 7),
                logUniform(random, min, max), start.plusDays(random.nextInt(dueSpreadDays)), "card");
    }

    /** Leads: deal values log-uniform between {@code min} and {@code max}, a product drawn from {@code products}. */
    public static SubjectMaker leads(Money min, Money max, String... products) {
        checkRange("deal", min, max);
        if (products.length == 0) {
            throw new IllegalArgumentException("leads need at least one product");
        }
        List<String> names = List.of(products);
        return (index, customer, random, start) -> new Lead("lead-" + zeroPadded(index + 1, 7), logUniform(random, min, max),
                names.get(random.nextInt(names.size())));
    }

    /** Appointments on one of the days 2 to {@code spreadDays + 1} of the run, on the hour between 08:00 and 17:00. */
    public static SubjectMaker appointments(int spreadDays, String place) {
        if (spreadDays < 1) {
            throw new IllegalArgumentException("appointment spread must be at least 1 day, but was " + spreadDays);
        }
        Objects.requireNonNull(place, "place");
        return (index, customer, random, start) -> new Appointment("appt-" + zeroPadded(index + 1, 7),
                start.plusDays(2 + random.nextInt(spreadDays)).atTime(LocalTime.of(8 + random.nextInt(10), 0)), place);
    }

    private static void checkRange(String what, Money min, Money max) {
        Objects.requireNonNull(min, what + " minimum");
        Objects.requireNonNull(max, what + " maximum");
        if (!min.isPositive() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " values must satisfy 0 < min <= max, but were " + min + " and " + max);
        }
    }

    private static Money logUniform(SplittableRandom random, Money min, Money max) {
        double lo = Math.log(min.amount().doubleValue());
        double hi = Math.log(max.amount().doubleValue());
        long cents = Math.round(Math.exp(lo + (hi - lo) * random.nextDouble()) * 100);
        return new Money(BigDecimal.valueOf(cents, 2), min.currency());
    }

    private Region region(int draw) {
        int left = draw;
        for (Region region : regions) {
            left -= region.weight();
            if (left < 0) {
                return region;
            }
        }
        throw new IllegalStateException("region draw " + draw + " is beyond the total weight " + totalWeight);
    }

    private static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** Builds a {@link Population}. */
    public static final class Builder {
        private List<Region> regions = BRAZIL;
        private SubjectMaker subjects = debts(Money.brl("50"), Money.brl("20000"), 20);
        private final Map<String, Double> segments = new LinkedHashMap<>();
        private double invalidPhones = 0.03;
        private double invalidEmails = 0.05;
        private double whatsapp = 0.0;
        private final Map<Consent, Double> consents = new LinkedHashMap<>();
        private double responsivenessSpread = 0.5;
        private final Map<String, List<String>> attributes = new LinkedHashMap<>();

        private Builder() {
        }

        /** Gives everyone a customer attribute, one of {@code values} drawn uniformly (repeat a value to weight it). */
        public Builder attribute(String key, String... values) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("attribute name must not be blank, but was '" + key + "'");
            }
            if (values.length == 0) {
                throw new IllegalArgumentException("attribute '" + key + "' needs at least one value");
            }
            attributes.put(key, List.of(values));
            return this;
        }

        /** Where people live, with weights; default {@link #BRAZIL}. */
        public Builder regions(List<Region> regions) {
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("a population needs at least one region");
            }
            this.regions = List.copyOf(regions);
            return this;
        }

        /** How each person's main subject is made; default {@code debts(BRL 50, BRL 20,000, 20 days)}. */
        public Builder subjects(SubjectMaker maker) {
            this.subjects = Objects.requireNonNull(maker, "subjects");
            return this;
        }

        /** Tags a share of people (drawn independently per segment) with a segment. */
        public Builder segment(String tag, double share) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("segment tag must not be blank, but was '" + tag + "'");
            }
            segments.put(tag, share("segment '" + tag + "'", share));
            return this;
        }

        /** Share of phone numbers that look valid but reach no one (unassigned area code); default 0.03. */
        public Builder invalidPhones(double share) {
            this.invalidPhones = share("invalid phone", share);
            return this;
        }

        /** Share of e-mail addresses that bounce (no domain suffix); default 0.05. */
        public Builder invalidEmails(double share) {
            this.invalidEmails = share("invalid e-mail", share);
            return this;
        }

        /** Share of people whose phone is also a WhatsApp number; default 0. */
        public Builder whatsapp(double share) {
            this.whatsapp = share("WhatsApp", share);
            return this;
        }

        /** Share of people who consented to a channel for a purpose (recorded 30 days before the start). */
        public Builder consent(Channel channel, Purpose purpose, double share) {
            consents.put(new Consent(channel, purpose, true, Instant.EPOCH), share("consent " + channel + "/" + purpose, share));
            return this;
        }

        /**
         * How much people differ: responsiveness and opt-out propensity are drawn uniformly in
         * [1 - spread, 1 + spread]; default 0.5.
         */
        public Builder traitSpread(double spread) {
            this.responsivenessSpread = share("trait spread", spread);
            return this;
        }

        /** The population; may be called more than once. */
        public Population build() {
            return new Population(this);
        }

        private static double share(String what, double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(what + " share must be within 0–1, but was " + share);
            }
            return share;
        }
    }
}
