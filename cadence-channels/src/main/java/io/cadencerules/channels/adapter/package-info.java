/**
 * Reference adapters that need no provider: {@link io.cadencerules.channels.adapter.LoggingChannelAdapter}
 * (the recording adapter for tests is {@code io.cadencerules.testkit.RecordingChannel} in cadence-core).
 */
package io.cadencerules.channels.adapter;
