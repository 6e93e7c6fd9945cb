/**
 * Templates: a Mustache {@link io.cadencerules.channels.template.TemplateCatalog} with pt-BR
 * formatting ({@link io.cadencerules.channels.template.PtBr}) that validates cadences against it.
 */
package io.cadencerules.channels.template;
