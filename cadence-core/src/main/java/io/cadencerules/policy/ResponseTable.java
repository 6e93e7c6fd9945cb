package io.cadencerules.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cadencerules.channel.Channel;
import io.cadencerules.engine.StepContext;
import io.cadencerules.json.JsonData;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Conversion probabilities per channel and customer segment, as data: a {@link ResponseModel}. For a
 * contact, the first rate of the channel whose segment the customer or journey is in wins (in the
 * table's order), else the channel's default.
 *
 * <pre>{@code
 * ResponseTable table = ResponseTable.of("mine",
 *         Rate.of(Channel.SMS, 0.02), Rate.of(Channel.SMS, "early-stage", 0.05),
 *         Rate.of(Channel.AGENT, 0.15));
 * ResponseTable fromFile = ResponseTable.fromJson(reader, "responses.json");
 * }</pre>
 *
 * <p>JSON: {@code {"name": "mine", "channels": {"SMS": {"default": 0.02, "segments": {"early-stage": 0.05}},
 * "AGENT": {"default": 0.15}}}}.
 *
 * @param name  names the table in error messages
 * @param rates the rates, copied; every channel that appears has exactly one default
 */
public record ResponseTable(String name, List<Rate> rates) implements ResponseModel {

    /** The resource {@link #standard()} reads. */
    static final String STANDARD_RESOURCE = "responses-br.json";

    public ResponseTable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("response table name must not be blank, but was '" + name + "'");
        }
        rates = List.copyOf(rates == null ? List.of() : rates);
        for (int i = 0; i < rates.size(); i++) {
            Rate rate = rates.get(i);
            for (int j = 0; j < i; j++) {
                if (rates.get(j).channel() == rate.channel() && Objects.equals(rates.get(j).segment(), rate.segment())) {
                    throw new IllegalArgumentException("response table '" + name + "' has two rates for " + rate.describe());
                }
            }
        }
        for (Rate rate : rates) {
            if (rates.stream().noneMatch(r -> r.channel() == rate.channel() && r.segment() == null)) {
                throw new IllegalArgumentException("response table '" + name + "' has segment rates for " + rate.channel()
                        + " but no default rate for it");
            }
        }
    }

    /**
     * One probability.
     *
     * @param channel     the channel
     * @param segment     the segment it applies to, or null for the channel's default
     * @param probability the probability of conversion, from 0 to 1
     */
    public record Rate(Channel channel, String segment, double probability) {

        public Rate {
            Objects.requireNonNull(channel, "channel");
            if (segment != null && segment.isBlank()) {
                throw new IllegalArgumentException(channel + " rate segment must not be blank, but was '" + segment + "'");
            }
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException(channel + (segment == null ? "" : " " + segment)
                        + " probability must be from 0 to 1, but was " + probability);
            }
        }

        /** The channel's default rate. */
        public static Rate of(Channel channel, double probability) {
            return new Rate(channel, null, probability);
        }

        /** The channel's rate for a segment. */
        public static Rate of(Channel channel, String segment, double probability) {
            return new Rate(channel, segment, probability);
        }

        String describe() {
            return channel + (segment == null ? " (default)" : " in segment '" + segment + "'");
        }
    }

    /** A table of the given rates. */
    public static ResponseTable of(String name, Rate... rates) {
        return new ResponseTable(name, List.of(rates));
    }

    /**
     * The table shipped with the library. <strong>The rates are illustrative</strong> (plausible
     * orders of magnitude for Brazilian collection, not measurements): replace them with your own,
     * or let a {@link LearnedResponseModel} move them with your history.
     */
    public static ResponseTable standard() {
        InputStream in = ResponseTable.class.getResourceAsStream(STANDARD_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the standard response table " + STANDARD_RESOURCE + " is missing from the class path");
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
     */
    public static ResponseTable fromJson(Reader json, String where) {
        Objects.requireNonNull(json, "json");
        Document document = JsonData.read(CostTable.readAll(json, where), Document.class, where);
        List<Rate> rates = new ArrayList<>();
        document.channels().forEach((channel, entry) -> {
            rates.add(new Rate(channel, null, entry.defaultRate().doubleValue()));
            entry.segments().forEach((segment, p) -> rates.add(new Rate(channel, segment, p.doubleValue())));
        });
        return new ResponseTable(document.name() == null ? where : document.name(), rates);
    }

    /** The JSON form of a table: rates grouped by channel; the name defaults to the file name. */
    private record Document(String name, String description, Map<Channel, ChannelRates> channels) {

        Document {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("response table name must not be blank, but was '" + name + "'");
            }
            Objects.requireNonNull(channels, "channels");
        }
    }

    /** One channel's rates in JSON, probabilities read exactly: {@code {"default": 0.02, "segments": {"vip": 0.05}}}. */
    private record ChannelRates(@JsonProperty("default") BigDecimal defaultRate, Map<String, BigDecimal> segments) {

        ChannelRates {
            Objects.requireNonNull(defaultRate, "default");
            requireProbability("the default", defaultRate);
            segments = segments == null ? Map.of() : segments;
            segments.forEach((segment, p) -> {
                if (segment.isBlank()) {
                    throw new IllegalArgumentException("a segment name must not be blank, but was '" + segment + "'");
                }
                requireProbability("segment '" + segment + "'", p);
            });
        }

        private static void requireProbability(String what, BigDecimal p) {
            if (p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(what + " probability must be from 0 to 1, but was " + p.toPlainString());
            }
        }
    }

    /**
     * The channel's rate for the contact's customer and journey segments.
     *
     * @throws IllegalArgumentException if the table has no rate for the channel
     */
    @Override
    public double probability(StepContext contact, Channel channel) {
        Rate fallback = null;
        for (Rate rate : rates) {
            if (rate.channel() != channel) {
                continue;
            }
            if (rate.segment() == null) {
                fallback = rate;
            } else if (contact.customer().inSegment(rate.segment()) || contact.journey().segments().contains(rate.segment())) {
                return rate.probability();
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("response table '" + name + "' has no rate for channel " + channel
                    + "; it rates " + (rates.isEmpty() ? "nothing" : rates.stream().map(r -> r.channel().name()).distinct()
                    .collect(Collectors.joining(", "))));
        }
        return fallback.probability();
    }
}
