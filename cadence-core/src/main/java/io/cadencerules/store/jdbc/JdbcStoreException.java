package io.cadencerules.store.jdbc;

/**
 * A failure of the PostgreSQL store: the database refused or could not run a statement, or a stored
 * row cannot be read back. The message names what was being done, the table and, for a row, the
 * journey or customer id, e.g. {@code "journey c1/inv1/card-late#1 in table cadence_journeys has an
 * unreadable payload: $.zone: Unknown time-zone ID: Mars/Olympus"}.
 */
public final class JdbcStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the table and the row
     * @param cause   the driver's exception or the payload problem, or null
     */
    public JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
