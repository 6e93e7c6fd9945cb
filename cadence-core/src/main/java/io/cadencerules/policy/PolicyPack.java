package io.cadencerules.policy;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A jurisdiction's contact rules as data (read from JSON with {@link PolicyPacks#read}): when a
 * person may be contacted (windows per purpose and channel in local time), how often (caps), with
 * what consent, which replies revoke it, and what to do outside the window. Packs are versioned and
 * carry effective dates, so a change in the law is a new pack version rather than new code.
 *
 * <p>Purposes are named as in {@link Purpose} or {@code ALL}; channels as in {@link Channel} or
 * the groups {@code CALLS} (voice blast, outbound IVR, agent), {@code TEXTS} (SMS, two-way SMS,
 * WhatsApp) and {@code ALL}.
 *
 * @param id                     the pack id, e.g. {@code br-sp}
 * @param version                its version, e.g. {@code 2026.1}; recorded with every decision it causes
 * @param effectiveFrom          the first day it is in force
 * @param effectiveTo            the first day it is no longer in force, or null
 * @param jurisdiction           where it applies
 * @param description            one line for people
 * @param sources                the laws or pages it is built from
 * @param windows                allowed hours; every matching rule of every applicable pack must allow the instant
 * @param caps                   frequency caps over rolling windows
 * @param quietAfterConversation no contact for some days after a conversation (US Regulation F)
 * @param consentRequired        purposes and channels that need a recorded consent
 * @param stopKeywords           replies that revoke consent (compared without case and accents)
 * @param optOutScope            whether a stop reply revokes the channel it came on or every channel
 * @param outsideWindow          per purpose: defer to the next allowed instant or drop the contact
 */
public record PolicyPack(String id, String version, LocalDate effectiveFrom, LocalDate effectiveTo,
                         Jurisdiction jurisdiction, String description, List<String> sources, List<WindowRule> windows,
                         List<CapRule> caps, List<QuietRule> quietAfterConversation, List<ConsentRule> consentRequired,
                         List<String> stopKeywords, OptOutScope optOutScope, Map<Purpose, OutsideWindow> outsideWindow) {

    public PolicyPack {
        requireId(id, "pack id");
        requireId(version, "pack '" + id + "' version");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (effectiveTo != null && !effectiveTo.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("pack '" + id + "' effectiveTo must be after effectiveFrom " + effectiveFrom
                    + ", but was " + effectiveTo);
        }
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        description = description == null ? "" : description;
        sources = sources == null ? List.of() : List.copyOf(sources);
        windows = windows == null ? List.of() : List.copyOf(windows);
        caps = caps == null ? List.of() : List.copyOf(caps);
        quietAfterConversation = quietAfterConversation == null ? List.of() : List.copyOf(quietAfterConversation);
        consentRequired = consentRequired == null ? List.of() : List.copyOf(consentRequired);
        stopKeywords = stopKeywords == null ? List.of() : List.copyOf(stopKeywords);
        for (String keyword : stopKeywords) {
            if (Keywords.normalize(keyword).isEmpty()) {
                throw new IllegalArgumentException("pack '" + id + "' has a blank stop keyword");
            }
        }
        optOutScope = optOutScope == null ? OptOutScope.CHANNEL : optOutScope;
        outsideWindow = outsideWindow == null || outsideWindow.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(outsideWindow));
    }

    /** True when the pack is in force on the day. */
    public boolean inForce(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || day.isBefore(effectiveTo));
    }

    /** {@code id@version}, the name decisions record. */
    public String label() {
        return id + "@" + version;
    }

    /**
     * Where a pack applies.
     *
     * @param country ISO 3166 alpha-2 country code, e.g. {@code BR}
     * @param regions the states it is limited to (e.g. {@code SP}); empty for the whole country
     */
    public record Jurisdiction(String country, List<String> regions) {
        public Jurisdiction {
            if (country == null || !country.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("jurisdiction country must be an ISO code such as BR, but was '" + country + "'");
            }
            regions = regions == null ? List.of() : regions.stream().map(r -> r.strip().toUpperCase(Locale.ROOT)).toList();
        }

        /** True when a person in this place is covered (a region covers the places below it, "SP" covers "SP-3550308"). */
        public boolean covers(Locality locality) {
            if (!country.equals(locality.country())) {
                return false;
            }
            if (regions.isEmpty()) {
                return true;
            }
            for (String region : regions) {
                if (locality.region().equals(region) || locality.region().startsWith(region + "-")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Allowed hours for some purposes and channels, per kind of day, in the person's local time. A
     * kind of day without ranges is closed. A holiday uses {@code holidays}, whatever its weekday.
     *
     * @param id       rule id, recorded with the decisions it causes
     * @param purposes the purposes it covers
     * @param channels the channels it covers
     * @param weekdays ranges Monday to Friday, e.g. {@code "08:00-20:00"}
     * @param saturday ranges on Saturdays
     * @param sunday   ranges on Sundays
     * @param holidays ranges on holidays of the person's country and state
     */
    public record WindowRule(String id, List<String> purposes, List<String> channels, List<TimeRange> weekdays,
                             List<TimeRange> saturday, List<TimeRange> sunday, List<TimeRange> holidays) {
        public WindowRule {
            requireId(id, "window rule id");
            purposes = Scope.purposes(purposes, "window rule '" + id + "'");
            channels = Scope.channels(channels, "window rule '" + id + "'");
            weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
            saturday = saturday == null ? List.of() : List.copyOf(saturday);
            sunday = sunday == null ? List.of() : List.copyOf(sunday);
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
        }
    }

    /**
     * A time range within one day, start inclusive, end exclusive; written {@code "08:00-20:00"};
     * {@code "24:00"} as the end means midnight.
     *
     * @param startMinute minutes from midnight of the start
     * @param endMinute   minutes from midnight of the end, after the start, at most 1440
     */
    public record TimeRange(int startMinute, int endMinute) {
        public TimeRange {
            if (startMinute < 0 || endMinute > 1440 || endMinute <= startMinute) {
                throw new IllegalArgumentException("time range must start before it ends within one day, but was "
                        + format(startMinute) + "-" + format(endMinute));
            }
        }

        /** Parses {@code "HH:mm-HH:mm"}. */
        public static TimeRange valueOf(String text) {
            String[] parts = text == null ? new String[0] : text.strip().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("time range must look like 08:00-20:00, but was '" + text + "'");
            }
            return new TimeRange(minute(parts[0], text), minute(parts[1], text));
        }

        private static int minute(String hhmm, String text) {
            if ("24:00".equals(hhmm.strip())) {
                return 1440;
            }
            try {
                LocalTime t = LocalTime.parse(hhmm.strip());
                return t.getHour() * 60 + t.getMinute();
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("time range must look like 08:00-20:00, but was '" + text + "'");
            }
        }

        private static String format(int minute) {
            return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
        }

        @Override
        public String toString() {
            return format(startMinute) + "-" + format(endMinute);
        }
    }

    /** What a cap counts contacts per. */
    public enum Per {
        /** All of the person's contacts. */
        PERSON,
        /** The person's contacts about one subject (one debt, one cart). */
        PERSON_SUBJECT
    }

    /**
     * At most {@code max} contacts on the channels, for the purposes, in any rolling {@code window}.
     * A minimum gap between contacts is a cap of 1 in the gap.
     *
     * @param id       rule id
     * @param purposes purposes of the contacts counted (and limited)
     * @param channels channels counted
     * @param per      per person or per person and subject
     * @param max      contacts allowed in the window, at least 1
     * @param window   the rolling window, e.g. {@code P7D}
     */
    public record CapRule(String id, List<String> purposes, List<String> channels, Per per, int max, Duration window) {
        public CapRule {
            requireId(id, "cap rule id");
            purposes = Scope.purposes(purposes, "cap rule '" + id + "'");
            channels = Scope.channels(channels, "cap rule '" + id + "'");
            per = per == null ? Per.PERSON : per;
            if (max < 1) {
                throw new IllegalArgumentException("cap rule '" + id + "' max must be at least 1, but was " + max);
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("cap rule '" + id + "' window must be positive, but was " + window);
            }
        }
    }

    /**
     * No contact on the channels for {@code days} calendar days after a conversation with the person,
     * the conversation day being day 1 (US Regulation F, 12 CFR 1006.14(b)(2)(ii)).
     *
     * @param id       rule id
     * @param purposes purposes it limits
     * @param channels channels it limits
     * @param per      per person, or per subject (a conversation about one debt)
     * @param days     quiet days, at least 1
     */
    public record QuietRule(String id, List<String> purposes, List<String> channels, Per per, int days) {
        public QuietRule {
            requireId(id, "quiet rule id");
            purposes = Scope.purposes(purposes, "quiet rule '" + id + "'");
            channels = Scope.channels(channels, "quiet rule '" + id + "'");
            per = per == null ? Per.PERSON_SUBJECT : per;
            if (days < 1) {
                throw new IllegalArgumentException("quiet rule '" + id + "' days must be at least 1, but was " + days);
            }
        }
    }

    /**
     * Contacts for these purposes on these channels need a recorded consent.
     *
     * @param id       rule id
     * @param purposes purposes
     * @param channels channels
     */
    public record ConsentRule(String id, List<String> purposes, List<String> channels) {
        public ConsentRule {
            requireId(id, "consent rule id");
            purposes = Scope.purposes(purposes, "consent rule '" + id + "'");
            channels = Scope.channels(channels, "consent rule '" + id + "'");
        }
    }

    /** What a stop reply revokes. */
    public enum OptOutScope {
        /** The channel the reply came on (an SMS reply covers SMS and two-way SMS). */
        CHANNEL,
        /** Every channel. */
        ALL_CHANNELS
    }

    /** What happens to a contact due outside the allowed hours. */
    public enum OutsideWindow {
        /** Send it at the next instant every applicable window allows. */
        DEFER,
        /** Do not send it; the journey goes on to its next step. */
        DROP
    }

    private static void requireId(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, but was '" + value + "'");
        }
    }

    /** Parsing of purpose and channel names, with the groups. */
    static final class Scope {
        private Scope() {
        }

        static List<String> purposes(List<String> names, String where) {
            if (names == null || names.isEmpty()) {
                throw new IllegalArgumentException(where + " needs purposes (COLLECTION, MARKETING, TRANSACTIONAL or ALL)");
            }
            purposeSet(names, where);
            return List.copyOf(names);
        }

        static List<String> channels(List<String> names, String where) {
            if (names == null || names.isEmpty()) {
                throw new IllegalArgumentException(where + " needs channels (a channel, CALLS, TEXTS or ALL)");
            }
            channelSet(names, where);
            return List.copyOf(names);
        }

        static Set<Purpose> purposeSet(List<String> names, String where) {
            EnumSet<Purpose> out = EnumSet.noneOf(Purpose.class);
            for (String name : names) {
                String n = name.strip().toUpperCase(Locale.ROOT);
                if (n.equals("ALL")) {
                    out.addAll(EnumSet.allOf(Purpose.class));
                    continue;
                }
                try {
                    out.add(Purpose.valueOf(n));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + " has an unknown purpose '" + name
                            + "'; use COLLECTION, MARKETING, TRANSACTIONAL or ALL");
                }
            }
            return out;
        }

        static Set<Channel> channelSet(List<String> names, String where) {
            EnumSet<Channel> out = EnumSet.noneOf(Channel.class);
            for (String name : names) {
                String n = name.strip().toUpperCase(Locale.ROOT);
                switch (n) {
                    case "ALL" -> out.addAll(EnumSet.allOf(Channel.class));
                    case "CALLS" -> out.addAll(EnumSet.of(Channel.VOICE_BLAST, Channel.OUTBOUND_IVR, Channel.AGENT));
                    case "TEXTS" -> out.addAll(EnumSet.of(Channel.SMS, Channel.TWO_WAY_SMS, Channel.WHATSAPP));
                    default -> {
                        try {
                            out.add(Channel.valueOf(n));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(where + " has an unknown channel '" + name
                                    + "'; use a channel name, CALLS, TEXTS or ALL");
                        }
                    }
                }
            }
            return out;
        }
    }
}
