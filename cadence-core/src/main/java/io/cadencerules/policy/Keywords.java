package io.cadencerules.policy;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/** Stop-keyword matching: case, accents and punctuation are ignored; the keyword must open the reply. */
final class Keywords {

    private Keywords() {
    }

    /** Upper case, no accents, punctuation as spaces, single spaces, trimmed. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").strip();
    }

    /** The keyword the reply opens with ("Parar!", "parar por favor"), or null. */
    static String match(String reply, Collection<String> normalizedKeywords) {
        String text = normalize(reply);
        for (String keyword : normalizedKeywords) {
            if (text.equals(keyword) || text.startsWith(keyword + " ")) {
                return keyword;
            }
        }
        return null;
    }
}
