package io.cadencerules.policy;

import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SpendLedger} in memory, for one engine instance (or several in one JVM sharing it). One
 * lock guards everything, so a reservation's check and hold are atomic; running totals per journey,
 * account, cadence-day, cadence-month and day keep every check and query O(1). Entries are kept
 * for the life of the ledger.
 */
public final class InMemorySpendLedger implements SpendLedger {

    private final Currency currency;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<SpendEntry> entries = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, String> openByContact = new HashMap<>();
    private final Map<Total, BigDecimal> totals = new HashMap<>();

    /** An empty ledger in a currency. */
    public InMemorySpendLedger(Currency currency) {
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /** A key of the running totals. */
    private record Total(String kind, Object first, Object second) {
    }

    @Override
    public Currency currency() {
        return currency;
    }

    @Override
    public Optional<SpendEntry> reserve(SpendClaim claim) {
        Objects.requireNonNull(claim, "claim");
        requireCurrency(claim.estimate(), "claim " + claim.contactKey() + " estimate");
        lock.lock();
        try {
            for (SpendCap cap : claim.caps()) {
                BigDecimal counted = totals.getOrDefault(total(cap.scope(), claim.journey(), claim.day()), BigDecimal.ZERO);
                if (counted.add(claim.estimate().amount()).compareTo(cap.limit().amount()) > 0) {
                    return Optional.empty();
                }
            }
            SpendEntry entry = new SpendEntry("spend-" + (entries.size() + 1), claim.journey(), claim.stepId(), claim.channel(),
                    claim.contactKey(), claim.at(), claim.day(), claim.estimate(), Money.zero(currency),
                    SpendEntry.Status.RESERVED, "");
            index.put(entry.id(), entries.size());
            entries.add(entry);
            openByContact.put(entry.contactKey(), entry.id());
            add(entry, entry.counted().amount());
            return Optional.of(entry);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SpendEntry book(String entryId, Money actual, String note) {
        Objects.requireNonNull(actual, "actual");
        requireCurrency(actual, "entry " + entryId + " actual cost");
        if (actual.amount().signum() < 0) {
            throw new IllegalArgumentException("entry " + entryId + " actual cost must not be negative, but was " + actual);
        }
        return settle(entryId, SpendEntry.Status.BOOKED, actual, note);
    }

    @Override
    public SpendEntry markUncertain(String entryId, String note) {
        return settle(entryId, SpendEntry.Status.UNCERTAIN, null, note);
    }

    @Override
    public SpendEntry release(String entryId, String note) {
        return settle(entryId, SpendEntry.Status.RELEASED, null, note);
    }

    private SpendEntry settle(String entryId, SpendEntry.Status to, Money actual, String note) {
        lock.lock();
        try {
            Integer at = index.get(entryId);
            if (at == null) {
                throw new IllegalArgumentException("spend ledger has no entry '" + entryId + "'");
            }
            SpendEntry was = entries.get(at);
            boolean allowed = to == SpendEntry.Status.UNCERTAIN ? was.status() == SpendEntry.Status.RESERVED : was.isOpen();
            if (!allowed) {
                throw new IllegalStateException("spend entry " + entryId + " is " + was.status() + " and cannot become " + to);
            }
            SpendEntry now = new SpendEntry(was.id(), was.journey(), was.stepId(), was.channel(), was.contactKey(), was.at(),
                    was.day(), was.estimated(), actual != null ? actual : Money.zero(currency), to, note);
            entries.set(at, now);
            add(now, now.counted().amount().subtract(was.counted().amount()));
            if (!now.isOpen()) {
                openByContact.remove(now.contactKey(), now.id());
            }
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<SpendEntry> open(String contactKey) {
        lock.lock();
        try {
            String id = openByContact.get(contactKey);
            return id == null ? Optional.empty() : Optional.of(entries.get(index.get(id)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Money spentByJourney(JourneyId journey) {
        return read(new Total("journey", journey, null));
    }

    @Override
    public Money spentByAccount(String customerId, String subjectKey) {
        return read(new Total("account", customerId, subjectKey));
    }

    @Override
    public Money spentByCadence(String cadenceId, LocalDate day) {
        return read(new Total("cadence-day", cadenceId, day));
    }

    @Override
    public Money spentByCadenceInMonth(String cadenceId, YearMonth month) {
        return read(new Total("cadence-month", cadenceId, month));
    }

    @Override
    public Money spentOn(LocalDate day) {
        return read(new Total("day", day, null));
    }

    @Override
    public List<SpendEntry> entries(SpendQuery query) {
        Objects.requireNonNull(query, "query");
        lock.lock();
        try {
            return entries.stream().filter(query::matches).toList();
        } finally {
            lock.unlock();
        }
    }

    private Money read(Total key) {
        lock.lock();
        try {
            return new Money(CostTable.tidy(totals.getOrDefault(key, BigDecimal.ZERO)), currency);
        } finally {
            lock.unlock();
        }
    }

    private static Total total(SpendCap.Scope scope, JourneyId journey, LocalDate day) {
        return switch (scope) {
            case ACCOUNT -> new Total("account", journey.customerId(), journey.subjectKey());
            case CADENCE_DAY -> new Total("cadence-day", journey.cadenceId(), day);
            case CADENCE_MONTH -> new Total("cadence-month", journey.cadenceId(), YearMonth.from(day));
            case GLOBAL_DAY -> new Total("day", day, null);
        };
    }

    /** Adds {@code delta} to every total the entry counts in: its journey and each cap scope; called under the lock. */
    private void add(SpendEntry entry, BigDecimal delta) {
        if (delta.signum() == 0) {
            return;
        }
        totals.merge(new Total("journey", entry.journey(), null), delta, BigDecimal::add);
        for (SpendCap.Scope scope : SpendCap.Scope.values()) {
            totals.merge(total(scope, entry.journey(), entry.day()), delta, BigDecimal::add);
        }
    }

    private void requireCurrency(Money money, String what) {
        if (!money.currency().equals(currency)) {
            throw new IllegalArgumentException(what + " is " + money + ", but the spend ledger is in " + currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return "InMemorySpendLedger[" + currency.getCurrencyCode() + ", " + entries.size() + " entries]";
    }
}
