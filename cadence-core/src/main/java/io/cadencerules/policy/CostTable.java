package io.cadencerules.policy;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.json.JsonData;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a contact costs, per channel and provider, as data: the budget's estimates come from here.
 * A contact's estimate is {@code price × expectedUnits} (one SMS segment, one e-mail, one voice-blast
 * attempt, four agent minutes…), rounded to four decimal places, since providers price in fractions
 * of a cent.
 *
 * <pre>{@code
 * CostTable costs = CostTable.standard();                       // illustrative BRL prices
 * CostTable mine  = CostTable.fromJson(reader, "costs.json");   // yours
 * Money agentCall = costs.estimate(Channel.AGENT);              // BRL 12.00
 * }</pre>
 *
 * <p>JSON format (see {@code docs/budget.md}):
 * <pre>{@code
 * { "name": "acme-2026", "currency": "BRL",
 *   "entries": [ { "channel": "SMS", "unit": "SEGMENT", "price": 0.08 },
 *                { "channel": "AGENT", "provider": "inhouse", "unit": "MINUTE", "price": 3.00, "expectedUnits": 4 } ] }
 * }</pre>
 *
 * @param name        names the table in error messages, e.g. "acme-2026"
 * @param description free text (where the prices come from), may be empty
 * @param currency    the currency of every price
 * @param entries     one price per channel and provider, copied
 */
public record CostTable(String name, String description, Currency currency, List<Entry> entries) {

    /** The provider of an entry that names none. */
    public static final String DEFAULT_PROVIDER = "default";

    /** The resource {@link #standard()} reads. */
    static final String STANDARD_RESOURCE = "costs-brl.json";

    public CostTable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("cost table name must not be blank, but was '" + name + "'");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(currency, () -> "cost table '" + name + "' needs a currency");
        entries = List.copyOf(entries == null ? List.of() : entries);
        requireDistinct("cost table '" + name + "'", entries);
    }

    /** What a provider bills per. */
    public enum Unit {
        /** Per message, whatever its length (e-mail, WhatsApp template message). */
        MESSAGE,
        /** Per SMS segment (part of a concatenated SMS); only for SMS and two-way SMS. */
        SEGMENT,
        /** Per call attempt, answered or not, or per agent task. */
        ATTEMPT,
        /** Per minute of call or agent time. */
        MINUTE
    }

    /**
     * The price of one channel from one provider.
     *
     * @param channel       the channel
     * @param provider      the provider, {@value #DEFAULT_PROVIDER} when null or blank
     * @param unit          what is billed
     * @param price         the price of one unit, not negative
     * @param expectedUnits how many units a contact is expected to use (segments of the usual text,
     *                      minutes of an agent call), positive; 1 when null
     */
    public record Entry(Channel channel, String provider, Unit unit, BigDecimal price, BigDecimal expectedUnits) {

        public Entry {
            Objects.requireNonNull(channel, "channel");
            provider = provider == null || provider.isBlank() ? DEFAULT_PROVIDER : provider.strip();
            // named after the components, so that JSON errors point at the missing field
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(price, "price");
            expectedUnits = expectedUnits == null ? BigDecimal.ONE : expectedUnits;
            if (price.signum() < 0) {
                throw new IllegalArgumentException(channel + " price must not be negative, but was " + price.toPlainString());
            }
            if (expectedUnits.signum() <= 0) {
                throw new IllegalArgumentException(channel + " expected units must be positive, but was " + expectedUnits.toPlainString());
            }
            if (unit == Unit.SEGMENT && channel != Channel.SMS && channel != Channel.TWO_WAY_SMS) {
                throw new IllegalArgumentException(channel + " cannot be priced per SEGMENT: only SMS and TWO_WAY_SMS have segments");
            }
        }

        /** One unit per contact from the default provider. */
        public static Entry of(Channel channel, Unit unit, String price) {
            return new Entry(channel, DEFAULT_PROVIDER, unit, new BigDecimal(price), BigDecimal.ONE);
        }

        /** {@code expectedUnits} units per contact from the default provider. */
        public static Entry of(Channel channel, Unit unit, String price, String expectedUnits) {
            return new Entry(channel, DEFAULT_PROVIDER, unit, new BigDecimal(price), new BigDecimal(expectedUnits));
        }

        /** The expected cost of one contact: price × expected units, rounded to four decimal places. */
        public BigDecimal expectedCost() {
            return tidy(price.multiply(expectedUnits));
        }
    }

    /** A table of the given entries. */
    public static CostTable of(String name, Currency currency, Entry... entries) {
        return new CostTable(name, "", currency, List.of(entries));
    }

    /**
     * The table shipped with the library: Brazilian reais, one default provider per channel.
     * <strong>The prices are illustrative</strong> (orders of magnitude of 2026 list prices, not
     * quotes): SMS R$ 0.08 a segment, two-way SMS R$ 0.10, e-mail R$ 0.005, WhatsApp utility template
     * R$ 0.35, voice blast R$ 0.12 an attempt, outbound IVR R$ 0.20 a minute × 1.5, agent R$ 3.00 a
     * minute × 4 (R$ 12.00, by far the most expensive contact).
     */
    public static CostTable standard() {
        InputStream in = CostTable.class.getResourceAsStream(STANDARD_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the standard cost table " + STANDARD_RESOURCE + " is missing from the class path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return fromJson(reader, STANDARD_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STANDARD_RESOURCE, e);
        }
    }

    /**
     * Reads a table from JSON.
     *
     * @param json  the document
     * @param where names it in errors (a file name)
     * @throws IllegalArgumentException naming {@code where} and the JSON path of the first problem
     *                                  (a {@link io.cadencerules.json.JsonPathException})
     */
    public static CostTable fromJson(Reader json, String where) {
        Objects.requireNonNull(json, "json");
        Document document = JsonData.read(readAll(json, where), Document.class, where);
        return new CostTable(document.name() == null ? where : document.name(), document.description(),
                document.currency(), document.entries());
    }

    /**
     * The JSON form of a table: as the table, but the name may be left out (it defaults to the file
     * name) and the entries may not.
     */
    private record Document(String name, String description, Currency currency, List<Entry> entries) {

        Document {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("cost table name must not be blank, but was '" + name + "'");
            }
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(entries, "entries");
            requireDistinct(name == null ? "cost table" : "cost table '" + name + "'", entries);
        }
    }

    /** Refuses a channel priced twice by the same provider. */
    private static void requireDistinct(String table, List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            for (int j = 0; j < i; j++) {
                if (entries.get(j).channel() == entry.channel() && entries.get(j).provider().equals(entry.provider())) {
                    throw new IllegalArgumentException(table + " prices " + entry.channel() + " from provider '"
                            + entry.provider() + "' twice (entries " + j + " and " + i + ")");
                }
            }
        }
    }

    /** The whole text of a JSON document (shared with {@link ResponseTable#fromJson}). */
    static String readAll(Reader json, String where) {
        try {
            StringWriter text = new StringWriter();
            json.transferTo(text);
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where, e);
        }
    }

    /** The entry for a channel and provider. */
    public Optional<Entry> entry(Channel channel, String provider) {
        for (Entry entry : entries) {
            if (entry.channel() == channel && entry.provider().equals(provider)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The expected cost of one contact on a channel from the {@value #DEFAULT_PROVIDER} provider. */
    public Money estimate(Channel channel) {
        return estimate(channel, DEFAULT_PROVIDER);
    }

    /**
     * The expected cost of one contact on a channel from a provider.
     *
     * @throws IllegalArgumentException if the table has no price for them, naming the table and what it prices
     */
    public Money estimate(Channel channel, String provider) {
        Objects.requireNonNull(channel, "channel");
        Entry entry = entry(channel, provider).orElseThrow(() -> new IllegalArgumentException(
                "cost table '" + name + "' has no price for channel " + channel + " from provider '" + provider
                        + "'; it prices " + (entries.isEmpty() ? "nothing" : entries.stream()
                        .map(e -> e.channel() + (e.provider().equals(DEFAULT_PROVIDER) ? "" : "/" + e.provider()))
                        .collect(Collectors.joining(", ")))));
        return new Money(entry.expectedCost(), currency);
    }

    /** An amount rounded to four decimal places, shown with at least two ({@code 0.08}, {@code 0.005}, {@code 12.00}). */
    static BigDecimal tidy(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 2 ? rounded.setScale(2, RoundingMode.UNNECESSARY) : rounded;
    }

    /** The same money rounded by {@link #tidy(BigDecimal)}. */
    static Money tidy(Money money) {
        return new Money(tidy(money.amount()), money.currency());
    }
}
