/** Agent hand-offs that respect the call center's capacity. */
package io.cadencerules.channels.agent;
