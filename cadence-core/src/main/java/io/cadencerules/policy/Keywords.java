package io.cadencerules.policy;

import io.cadencerules.event.ReplyReceived;

import java.util.Collection;

/** Stop-keyword matching: case, accents and punctuation are ignored; the keyword must open the reply. */
final class Keywords {

    private Keywords() {
    }

    /** Upper case, no accents, punctuation as spaces, single spaces, trimmed: {@link ReplyReceived#normalize}. */
    static String normalize(String text) {
        return ReplyReceived.normalize(text);
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
