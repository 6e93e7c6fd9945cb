package io.cadencerules.customer;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person a cadence may contact.
 *
 * @param id            the application's customer id
 * @param name          display name, may be empty
 * @param contactPoints phones, e-mails and WhatsApp numbers, in order of preference
 * @param locale        preferred locale (templates, stop keywords)
 * @param timeZone      the customer's zone when known, else null (the engine's
 *                      {@code ZoneResolver} derives one, e.g. from the address state or the DDD)
 * @param addressState  state / province of the address (a Brazilian UF such as "SP"), may be empty
 * @param attributes    free attributes for templates and rules
 * @param consents      consent records per channel and purpose
 * @param segments      segment tags (e.g. "high-balance")
 */
public record Customer(
        String id,
        String name,
        List<ContactPoint> contactPoints,
        Locale locale,
        ZoneId timeZone,
        String addressState,
        Map<String, String> attributes,
        List<Consent> consents,
        Set<String> segments) {

    /** Locale used when none is given. */
    public static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    public Customer {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("customer id must not be blank, but was '" + id + "'");
        }
        name = name == null ? "" : name;
        contactPoints = List.copyOf(contactPoints == null ? List.of() : contactPoints);
        locale = locale == null ? PT_BR : locale;
        addressState = addressState == null ? "" : addressState.strip().toUpperCase(Locale.ROOT);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        consents = List.copyOf(consents == null ? List.of() : consents);
        segments = segments == null ? Set.of() : Set.copyOf(segments);
        for (String segment : segments) {
            if (segment.isBlank()) {
                throw new IllegalArgumentException("customer '" + id + "' has a blank segment tag");
            }
        }
    }

    /** Starts a customer with the given id. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The explicit time zone, if one was given. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(timeZone);
    }

    /** The first contact point of the given type, in order of preference. */
    public Optional<ContactPoint> first(ContactPoint.Type type) {
        for (ContactPoint point : contactPoints) { // a loop, not a stream: called for every contact the engine makes
            if (point.type() == type) {
                return Optional.of(point);
            }
        }
        return Optional.empty();
    }

    /** True when the customer carries the segment tag. */
    public boolean inSegment(String segment) {
        return segments.contains(segment);
    }

    /** The latest consent record for the channel and purpose, if any. */
    public Optional<Consent> consent(Channel channel, Purpose purpose) {
        Consent latest = null;
        for (Consent c : consents) {
            if (c.channel() == channel && c.purpose() == purpose
                    && (latest == null || !c.recordedAt().isBefore(latest.recordedAt()))) {
                latest = c;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Fluent builder; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final String id;
        private String name = "";
        private final List<ContactPoint> contactPoints = new ArrayList<>();
        private Locale locale = PT_BR;
        private ZoneId zone;
        private String addressState = "";
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Consent> consents = new ArrayList<>();
        private final Set<String> segments = new LinkedHashSet<>();

        private Builder(String id) {
            this.id = id;
        }

        /** Display name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds a phone number in E.164 form. */
        public Builder phone(String e164) {
            contactPoints.add(ContactPoint.phone(e164));
            return this;
        }

        /** Adds an e-mail address. */
        public Builder email(String address) {
            contactPoints.add(ContactPoint.email(address));
            return this;
        }

        /** Adds a WhatsApp number in E.164 form. */
        public Builder whatsapp(String e164) {
            contactPoints.add(ContactPoint.whatsapp(e164));
            return this;
        }

        /** Adds a contact point. */
        public Builder contactPoint(ContactPoint point) {
            contactPoints.add(Objects.requireNonNull(point, "point"));
            return this;
        }

        /** Preferred locale. */
        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /** Explicit time zone. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Explicit time zone by IANA id, e.g. "America/Manaus". */
        public Builder zone(String zoneId) {
            this.zone = ZoneId.of(zoneId);
            return this;
        }

        /** State / province of the address, e.g. "SP". */
        public Builder addressState(String state) {
            this.addressState = state;
            return this;
        }

        /** A free attribute for templates and rules. */
        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        /** Free attributes for templates and rules. */
        public Builder attributes(Map<String, String> values) {
            attributes.putAll(values);
            return this;
        }

        /** A consent record. */
        public Builder consent(Consent consent) {
            consents.add(Objects.requireNonNull(consent, "consent"));
            return this;
        }

        /** Segment tags. */
        public Builder segments(String... tags) {
            segments.addAll(List.of(tags));
            return this;
        }

        /** The customer. */
        public Customer build() {
            return new Customer(id, name, contactPoints, locale, zone, addressState, attributes, consents, segments);
        }
    }
}
