package io.cadencerules.cadence;

/**
 * The family a cadence belongs to: the three réguas of the contact center, or a custom one.
 *
 * @param name upper-case name, e.g. "COLLECTION"
 */
public record CadenceKind(String name) {

    /** Régua de cobrança. */
    public static final CadenceKind COLLECTION = new CadenceKind("COLLECTION");
    /** Régua de vendas. */
    public static final CadenceKind SALES = new CadenceKind("SALES");
    /** Régua de relacionamento. */
    public static final CadenceKind RELATIONSHIP = new CadenceKind("RELATIONSHIP");

    public CadenceKind {
        if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("cadence kind must be an upper-case identifier, but was '" + name + "'");
        }
    }

    /** A custom kind, e.g. {@code CadenceKind.of("ONBOARDING")}. */
    public static CadenceKind of(String name) {
        return new CadenceKind(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
