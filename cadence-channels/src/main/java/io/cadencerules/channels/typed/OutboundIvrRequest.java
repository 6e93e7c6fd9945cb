package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An automated outbound call with a key menu (URA ativa). The key pressed comes back as a
 * {@code KeyPressed} event.
 *
 * @param source   the engine's request
 * @param to       the phone number, E.164
 * @param prompt   the rendered prompt
 * @param menu     key → action label (from the step's key branches, e.g. {@code '1' → "agent: negotiation"}),
 *                 in key order 1–9, 0, *, #
 * @param callerId the number shown to the customer, E.164
 */
public record OutboundIvrRequest(ContactRequest source, String to, String prompt, Map<Character, String> menu,
                                 String callerId) implements TypedRequest {

    private static final String KEY_ORDER = "1234567890*#";

    /** Validates the fields and orders the menu. */
    public OutboundIvrRequest {
        TypedRequest.requireChannel(source, Channel.OUTBOUND_IVR, "an outbound IVR request");
        TypedRequest.requireText(to, "outbound IVR destination", source);
        TypedRequest.requireText(prompt, "outbound IVR prompt", source);
        TypedRequest.requireText(callerId, "outbound IVR caller ID", source);
        Objects.requireNonNull(menu, "menu");
        List<Character> keys = new ArrayList<>(menu.keySet());
        for (Character k : keys) {
            if (k == null || KEY_ORDER.indexOf(k) < 0) {
                throw new IllegalArgumentException("outbound IVR menu key must be 0-9, * or #, but was '" + k + "'");
            }
        }
        keys.sort(Comparator.comparingInt(KEY_ORDER::indexOf));
        Map<Character, String> ordered = new LinkedHashMap<>();
        for (Character k : keys) {
            ordered.put(k, Objects.requireNonNull(menu.get(k), "menu label"));
        }
        menu = Collections.unmodifiableMap(ordered);
    }
}
