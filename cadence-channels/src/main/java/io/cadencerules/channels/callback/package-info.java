/**
 * Inbound provider callbacks turned into typed events
 * ({@link io.cadencerules.channels.callback.ProviderCallbacks}).
 */
package io.cadencerules.channels.callback;
