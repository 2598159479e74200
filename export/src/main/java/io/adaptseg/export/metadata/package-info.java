/**
 * What an exported model says about itself: the {@code adaptseg.*} metadata_props of the model
 * contract ({@link io.adaptseg.core.model.MetadataKeys}) and the provenance record (config,
 * versions, git commit, JVM and OS) that answers "what made you?" without the training directory.
 */
package io.adaptseg.export.metadata;
