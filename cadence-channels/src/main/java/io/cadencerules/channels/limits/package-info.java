/**
 * Provider protection: rate limits and concurrency caps around a channel adapter; requests over a
 * limit are deferred, not dropped.
 */
package io.cadencerules.channels.limits;
