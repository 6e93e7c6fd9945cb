package io.cadencerules.policy;

import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.journey.Reasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * {@link Budget#caps()}: estimates each contact, refuses those that would break a cap, reserves the
 * estimate atomically at admission and books or releases it once the adapter has answered.
 */
final class BudgetCapsStage implements DecisionStage {

    private static final Logger log = LoggerFactory.getLogger(BudgetCapsStage.class);

    private final Budget budget;
    private final SpendLedger ledger;

    BudgetCapsStage(Budget budget) {
        this.budget = budget;
        this.ledger = budget.ledger();
    }

    /** A check against what is already counted (a snapshot: {@link #admit} re-checks atomically). */
    @Override
    public Verdict decide(StepContext candidate) {
        Money estimate = budget.estimate(candidate.action().channel());
        String key = candidate.idempotencyKey();
        if (ledger.open(key).isPresent()) {
            return new Verdict.Proceed(null, estimate);
        }
        Budget.Limit account;
        try {
            account = budget.accountLimit(candidate);
        } catch (Budget.CurrencyMismatch e) {
            return Verdict.block(Budget.CURRENCY_MISMATCH, e.getMessage());
        }
        String breach = breach(claim(candidate, key, estimate, account), account);
        return breach == null ? new Verdict.Proceed(null, estimate) : exhausted(candidate, breach);
    }

    /** Reserves the contact's estimate if it still fits every cap; a re-offered contact keeps its earlier reservation. */
    @Override
    public Verdict admit(StepContext contact, Money estimate) {
        Money own = estimate != null && estimate.currency().equals(budget.costs().currency()) ? estimate
                : budget.estimate(contact.action().channel());
        String key = contact.idempotencyKey();
        Optional<SpendEntry> open = ledger.open(key);
        if (open.isPresent()) {
            if (open.get().status() == SpendEntry.Status.RESERVED) {
                // never settled (the process stopped after admitting it): it may have gone out
                ledger.markUncertain(open.get().id(), "found reserved when offered again");
            }
            return Verdict.proceed();
        }
        Budget.Limit account;
        try {
            account = budget.accountLimit(contact);
        } catch (Budget.CurrencyMismatch e) {
            return Verdict.block(Budget.CURRENCY_MISMATCH, e.getMessage());
        }
        SpendClaim claim = claim(contact, key, own, account);
        if (ledger.reserve(claim).isPresent()) {
            return Verdict.proceed();
        }
        String breach = breach(claim, account);
        return exhausted(contact, breach != null ? breach
                : "a cap was reached by a concurrent contact, this contact " + own);
    }

    /**
     * Books the actual cost of an accepted contact, releases the reservation of one that did not go
     * out, and keeps one with an unknown outcome counted at the estimate. A re-offered contact whose
     * earlier outcome was unknown stays counted unless it is now accepted.
     */
    @Override
    public void settle(StepContext contact, DispatchResult result) {
        Optional<SpendEntry> open = ledger.open(contact.idempotencyKey());
        if (open.isEmpty()) {
            log.warn("journey {}: no open budget reservation to settle for step {} via {}", contact.journey().id(),
                    contact.step().id(), contact.action().channel());
            return;
        }
        SpendEntry entry = open.get();
        boolean reoffer = entry.status() == SpendEntry.Status.UNCERTAIN;
        if (result instanceof DispatchResult.Accepted accepted) {
            Money reported = accepted.cost();
            if (reported != null && reported.currency().equals(ledger.currency()) && reported.amount().signum() >= 0) {
                ledger.book(entry.id(), reported, "provider cost");
            } else {
                if (reported != null) {
                    log.warn("journey {}: provider cost {} for step {} is not a cost in {}; booking the estimate {}",
                            contact.journey().id(), reported, contact.step().id(), ledger.currency(), entry.estimated());
                }
                ledger.book(entry.id(), entry.estimated(), Reasons.ACCEPTED);
            }
        } else if (reoffer) {
            log.debug("journey {}: re-offer of {} answered {}; kept at its estimate", contact.journey().id(), entry.contactKey(),
                    result);
        } else if (result instanceof DispatchResult.Unknown unknown) {
            ledger.markUncertain(entry.id(), Reasons.OUTCOME_UNKNOWN + ": " + unknown.reason());
        } else {
            ledger.release(entry.id(), describe(result));
        }
    }

    private static String describe(DispatchResult result) {
        if (result instanceof DispatchResult.Rejected r) {
            return r.reason().startsWith(Reasons.NOT_SENT) ? r.reason() : Reasons.PROVIDER_REJECTED + ": " + r.reason();
        } else if (result instanceof DispatchResult.Failed f) {
            return Reasons.PROVIDER_FAILED + ": " + f.reason();
        } else if (result instanceof DispatchResult.Deferred d) {
            return Reasons.PROVIDER_DEFERRED + ": " + d.reason();
        }
        return result.toString();
    }

    private SpendClaim claim(StepContext contact, String key, Money estimate, Budget.Limit account) {
        List<SpendCap> caps = budget.capsFor(contact, account);
        return new SpendClaim(contact.journey().id(), contact.step().id(), contact.action().channel(), key, contact.now(),
                budget.day(contact), estimate, caps);
    }

    /** The first cap the claim would break, described with the figures, or null. */
    private String breach(SpendClaim claim, Budget.Limit account) {
        for (SpendCap cap : claim.caps()) {
            Money spent = ledger.spent(cap.scope(), claim);
            if (spent.plus(claim.estimate()).compareTo(cap.limit()) > 0) {
                String basis = cap.scope() == SpendCap.Scope.ACCOUNT && account != null ? account.basis() : "";
                return cap.scope().describe(claim) + basis + ": spent " + spent + " of " + CostTable.tidy(cap.limit())
                        + ", this contact " + claim.estimate();
            }
        }
        return null;
    }

    private Verdict exhausted(StepContext contact, String detail) {
        return switch (budget.exhaustion(contact.cadence().id())) {
            case SKIP_STEP -> Verdict.skip(Budget.EXHAUSTED, detail);
            case CHEAPER_CHANNEL -> Verdict.skipRoute(Budget.EXHAUSTED, detail);
            case END_JOURNEY -> new Verdict.Stop(JourneyStatus.EXITED, Budget.EXHAUSTED, detail);
        };
    }

    @Override
    public String toString() {
        return "budget caps (" + budget.costs().name() + ")";
    }
}
