package io.cadencerules.policy;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A pack's rules with their purposes and channels resolved to sets, for quick matching. */
final class CompiledPack {

    final PolicyPack pack;
    final List<Window> windows;
    final List<Cap> caps;
    final List<Quiet> quiets;
    final List<Consent> consents;
    final List<String> keywords;

    CompiledPack(PolicyPack pack) {
        this.pack = pack;
        String where = "pack " + pack.label();
        this.windows = pack.windows().stream().map(w -> new Window(w.id(), purposes(w.purposes(), where), channels(w.channels(), where),
                sorted(w.weekdays()), sorted(w.saturday()), sorted(w.sunday()), sorted(w.holidays()))).toList();
        this.caps = pack.caps().stream().map(c -> new Cap(c.id(), purposes(c.purposes(), where), channels(c.channels(), where),
                c.per(), c.max(), c.window())).toList();
        this.quiets = pack.quietAfterConversation().stream().map(q -> new Quiet(q.id(), purposes(q.purposes(), where),
                channels(q.channels(), where), q.per(), q.days())).toList();
        this.consents = pack.consentRequired().stream().map(c -> new Consent(c.id(), purposes(c.purposes(), where),
                channels(c.channels(), where))).toList();
        this.keywords = pack.stopKeywords().stream().map(Keywords::normalize).toList();
    }

    /** Ranges by start, so the search for the next opening meets them in time order. */
    private static List<PolicyPack.TimeRange> sorted(List<PolicyPack.TimeRange> ranges) {
        return ranges.stream().sorted(java.util.Comparator.comparingInt(PolicyPack.TimeRange::startMinute)).toList();
    }

    String label() {
        return pack.label();
    }

    private static Set<Purpose> purposes(List<String> names, String where) {
        return PolicyPack.Scope.purposeSet(names, where);
    }

    private static Set<Channel> channels(List<String> names, String where) {
        return PolicyPack.Scope.channelSet(names, where);
    }

    record Window(String id, Set<Purpose> purposes, Set<Channel> channels, List<PolicyPack.TimeRange> weekdays,
                  List<PolicyPack.TimeRange> saturday, List<PolicyPack.TimeRange> sunday, List<PolicyPack.TimeRange> holidays) {
    }

    record Cap(String id, Set<Purpose> purposes, Set<Channel> channels, PolicyPack.Per per, int max, Duration window) {
    }

    record Quiet(String id, Set<Purpose> purposes, Set<Channel> channels, PolicyPack.Per per, int days) {
    }

    record Consent(String id, Set<Purpose> purposes, Set<Channel> channels) {
    }
}
