package io.cadencerules.cadence;

import java.util.Locale;
import java.util.Objects;

/**
 * A response branch of a step: when the customer answers the step's contact in a given way, do
 * something. Branches listen from the step's dispatch until the next step is dispatched.
 *
 * @param trigger the answer
 * @param action  what to do
 */
public record Branch(Trigger trigger, BranchAction action) {

    public Branch {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
    }

    /** The answers a branch can listen for. */
    public sealed interface Trigger {
        /** A key pressed in the step's IVR menu. */
        record Key(char digit) implements Trigger {
            public Key {
                if (!(digit >= '0' && digit <= '9') && digit != '*' && digit != '#') {
                    throw new IllegalArgumentException("branch key must be 0-9, * or #, but was '" + digit + "'");
                }
            }
        }

        /**
         * A reply whose text equals the keyword ignoring case, accents and punctuation ("QUERO",
         * "SIM", "NÃO", "2": "Não!" matches "NÃO" and "NAO"); see {@code ReplyReceived.normalize}.
         */
        record Reply(String keyword) implements Trigger {
            public Reply {
                if (keyword == null || keyword.isBlank()) {
                    throw new IllegalArgumentException("reply branch keyword must not be blank, but was '" + keyword + "'");
                }
                keyword = keyword.strip().toUpperCase(Locale.ROOT);
            }
        }

        /** A click on a tracked link; "*" matches any link. */
        record Click(String link) implements Trigger {
            public Click {
                if (link == null || link.isBlank()) {
                    throw new IllegalArgumentException("click branch link must not be blank, but was '" + link + "'");
                }
            }
        }
    }
}
