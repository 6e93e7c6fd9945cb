/**
 * The agents' "interested only" list (mailing higienizado) in CSV and JSON
 * ({@link io.cadencerules.channels.mailing.AgentMailingExport}).
 */
package io.cadencerules.channels.mailing;
