/**
 * Progress shown to a person: the one progress bar every long command uses (training iterations,
 * predicted images), and the one check whether output goes to a terminal.
 */
package io.adaptseg.core.progress;
