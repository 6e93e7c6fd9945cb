package io.cadencerules.channels.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Lists the variables a Mustache template needs: every {@code {{name}}}, {@code {{{name}}}} and
 * {@code {{&name}}} outside a section guarded by the same name. Section names ({@code {{#x}}},
 * {@code {{^x}}}) are optional: a missing one counts as false.
 */
final class TemplateVariables {

    private TemplateVariables() {
    }

    /** The required variable names, in order of first use. */
    static Set<String> required(String id, String text) {
        Set<String> names = new LinkedHashSet<>();
        Deque<String> sections = new ArrayDeque<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                return names;
            }
            boolean triple = text.startsWith("{{{", open);
            int close = text.indexOf(triple ? "}}}" : "}}", open);
            if (close < 0) {
                throw new IllegalArgumentException("template '" + id + "' has an unclosed tag at offset " + open);
            }
            String tag = text.substring(open + (triple ? 3 : 2), close).strip();
            from = close + (triple ? 3 : 2);
            if (tag.isEmpty()) {
                continue;
            }
            char sigil = tag.charAt(0);
            String name = tag.substring(1).strip();
            switch (sigil) {
                case '!' -> { }
                case '#', '^' -> sections.push(name);
                case '/' -> {
                    if (!sections.isEmpty()) {
                        sections.pop();
                    }
                }
                case '>', '<', '$' -> throw new IllegalArgumentException("template '" + id + "' uses partial or block '"
                        + tag + "', which the catalog does not support");
                case '=' -> throw new IllegalArgumentException("template '" + id
                        + "' changes the tag delimiters, which the catalog does not support");
                case '&' -> add(names, sections, name);
                default -> add(names, sections, tag);
            }
        }
    }

    private static void add(Set<String> names, Deque<String> sections, String name) {
        if (name.equals(".") || name.equals("this") || name.startsWith("-") || sections.contains(name)) {
            return;
        }
        names.add(name);
    }
}
