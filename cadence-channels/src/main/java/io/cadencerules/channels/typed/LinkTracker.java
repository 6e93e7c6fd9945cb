package io.cadencerules.channels.typed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the {@code http(s)} links of a rendered e-mail so a click can be traced to the contact:
 * each link gets a query parameter (default {@code ck}) whose value is the request's idempotency key,
 * URL-encoded: {@code https://pague.example/inv-9} becomes
 * {@code https://pague.example/inv-9?ck=c-1%2Finv-9%2Flate%231%2Fd3-email%2F1%2FEMAIL%2F1}.
 *
 * <p>The click redirector (the application's or the e-mail provider's) reads the parameter and
 * reports a {@code LinkClicked} event with the <em>original</em> link (so {@code onClick} branches
 * match the link as written in the template) and the key as its dispatch key. Links that already
 * carry the parameter, and links to hosts outside {@link #of(String, String...) the tracked hosts},
 * are left alone. The parameter goes before any {@code #fragment}; in HTML, after {@code &amp;}.
 */
public final class LinkTracker {

    /** The default tracking parameter. */
    public static final String DEFAULT_PARAMETER = "ck";

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String parameter;
    private final Set<String> hosts;
    private final boolean enabled;

    private LinkTracker(String parameter, Set<String> hosts, boolean enabled) {
        this.parameter = parameter;
        this.hosts = hosts;
        this.enabled = enabled;
    }

    /** Tracks every link with parameter {@code ck}. */
    public static LinkTracker standard() {
        return of(DEFAULT_PARAMETER);
    }

    /**
     * Tracks links with the given parameter.
     *
     * @param parameter the query parameter name (letters, digits, {@code _ -})
     * @param hosts     only links to these hosts (compared ignoring case); none means every link
     * @return the tracker
     */
    public static LinkTracker of(String parameter, String... hosts) {
        if (parameter == null || !NAME.matcher(parameter).matches()) {
            throw new IllegalArgumentException("link tracking parameter must be letters, digits, _ or -, but was '" + parameter + "'");
        }
        Set<String> h = new java.util.HashSet<>();
        for (String host : hosts) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("tracked host must not be blank, but was '" + host + "'");
            }
            h.add(host.strip().toLowerCase(Locale.ROOT));
        }
        return new LinkTracker(parameter, Set.copyOf(h), true);
    }

    /** Leaves links alone. */
    public static LinkTracker none() {
        return new LinkTracker(DEFAULT_PARAMETER, Set.of(), false);
    }

    /** The query parameter carrying the idempotency key. */
    public String parameter() {
        return parameter;
    }

    /**
     * Rewrites the links of a text.
     *
     * @param text the rendered text or HTML
     * @param key  the idempotency key
     * @param html true for an HTML body ({@code &amp;} separators, {@code &amp;} read as {@code &})
     * @return the rewritten text and the links, in order of appearance, each once
     */
    public Result track(String text, String key, boolean html) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(key, "key");
        if (!enabled) {
            return new Result(text, List.of());
        }
        String value = URLEncoder.encode(key, StandardCharsets.UTF_8);
        Map<String, TrackedLink> links = new LinkedHashMap<>();
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find()) {
            String url = m.group();
            int end = url.length();
            while (end > 0 && ".,;:!?)]}".indexOf(url.charAt(end - 1)) >= 0) {
                end--;
            }
            url = url.substring(0, end);
            out.append(text, from, m.start());
            String original = html ? url.replace("&amp;", "&") : url;
            String tracked = shouldTrack(original) ? addParameter(url, value, html) : url;
            if (!tracked.equals(url)) {
                links.putIfAbsent(original, new TrackedLink(original, html ? tracked.replace("&amp;", "&") : tracked));
            }
            out.append(tracked);
            from = m.start() + end;
        }
        out.append(text, from, text.length());
        return new Result(out.toString(), new ArrayList<>(links.values()));
    }

    private boolean shouldTrack(String url) {
        if (url.matches(".*[?&]" + Pattern.quote(parameter) + "=.*")) {
            return false;
        }
        if (hosts.isEmpty()) {
            return true;
        }
        try {
            String host = URI.create(url).getHost();
            return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String addParameter(String url, String value, boolean html) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = base.contains("?") ? (html ? "&amp;" : "&") : "?";
        return base + separator + parameter + "=" + value + fragment;
    }

    /**
     * A rewritten text.
     *
     * @param text  the text with tracked links
     * @param links the links rewritten
     */
    public record Result(String text, List<TrackedLink> links) {
        /** Copies the links. */
        public Result {
            Objects.requireNonNull(text, "text");
            links = List.copyOf(links);
        }
    }
}
