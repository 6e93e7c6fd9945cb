package io.cadencerules.policy;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ready-made {@link SuppressionList}s. */
public final class SuppressionLists {

    private SuppressionLists() {
    }

    /** Starts an in-memory list. */
    public static Builder inMemory(String name) {
        return new Builder(name);
    }

    /** Builds an in-memory list; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final String name;
        private Set<Purpose> purposes = EnumSet.allOf(Purpose.class);
        private Set<Channel> channels = EnumSet.allOf(Channel.class);
        private Duration maxAge = Duration.ofDays(31);
        private Duration grace = Duration.ZERO;
        private Instant refreshedAt;
        private final Map<String, Instant> entries = new ConcurrentHashMap<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("suppression list name must not be blank, but was '" + name + "'");
            }
            this.name = name;
        }

        /** The purposes it applies to; default all. */
        public Builder purposes(Purpose... purposes) {
            if (purposes.length == 0) {
                throw new IllegalArgumentException("suppression list '" + name + "' needs at least one purpose");
            }
            this.purposes = EnumSet.of(purposes[0], purposes);
            return this;
        }

        /** The channels it applies to; default all. */
        public Builder channels(Channel... channels) {
            if (channels.length == 0) {
                throw new IllegalArgumentException("suppression list '" + name + "' needs at least one channel");
            }
            this.channels = EnumSet.of(channels[0], channels);
            return this;
        }

        /** The freshness limit; default 31 days (the US DNC scrub interval). */
        public Builder maxAge(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("suppression list '" + name + "' maxAge must be positive, but was " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /** How long after registration a listing takes effect; default 0. */
        public Builder grace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("suppression list '" + name + "' grace must not be negative, but was " + grace);
            }
            this.grace = grace;
            return this;
        }

        /** When this copy was taken; required. */
        public Builder refreshedAt(Instant at) {
            this.refreshedAt = Objects.requireNonNull(at, "refreshedAt");
            return this;
        }

        /** Lists an address (E.164 number or e-mail) as registered at {@code at}. */
        public Builder add(String address, Instant registeredAt) {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("suppression list '" + name + "' cannot list a blank address");
            }
            entries.put(key(address), Objects.requireNonNull(registeredAt, "registeredAt"));
            return this;
        }

        /**
         * Adds every line {@code address,registeredAt} (ISO instant) of a CSV; blank lines and lines
         * starting with {@code #} are skipped.
         *
         * @throws IllegalArgumentException naming the source and line of a malformed row
         */
        public Builder addCsv(Reader csv, String where) {
            try (BufferedReader in = new BufferedReader(csv)) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    String row = line.strip();
                    if (row.isEmpty() || row.startsWith("#")) {
                        continue;
                    }
                    String[] cells = row.split(",", -1);
                    if (cells.length != 2) {
                        throw new IllegalArgumentException(where + ":" + n + ": expected 'address,registeredAt', but was '" + row + "'");
                    }
                    try {
                        add(cells[0].strip(), Instant.parse(cells[1].strip()));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(where + ":" + n + ": registeredAt must be an ISO instant such as "
                                + "2026-01-31T00:00:00Z, but was '" + cells[1].strip() + "'");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read suppression list " + where, e);
            }
            return this;
        }

        /** The list, a snapshot of what was added so far. */
        public SuppressionList build() {
            if (refreshedAt == null) {
                throw new IllegalStateException("suppression list '" + name + "' needs refreshedAt (when the copy was taken)");
            }
            return new Fixed(name, Set.copyOf(purposes), Set.copyOf(channels), refreshedAt, maxAge, grace, Map.copyOf(entries));
        }

        private static String key(String address) {
            String a = address.strip();
            return a.contains("@") ? a.toLowerCase(Locale.ROOT) : a;
        }
    }

    private record Fixed(String name, Set<Purpose> purposes, Set<Channel> channels, Instant refreshedAt, Duration maxAge,
                         Duration grace, Map<String, Instant> entries) implements SuppressionList {
        @Override
        public Optional<Instant> registeredAt(String address) {
            return address == null ? Optional.empty() : Optional.ofNullable(entries.get(Builder.key(address)));
        }

        @Override
        public String toString() {
            return "SuppressionList[" + name + ", " + entries.size() + " entries, refreshed " + refreshedAt + "]";
        }
    }
}
