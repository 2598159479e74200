/**
 * The shared ground of adaptseg: label sets and id maps, dataset layouts, label-image I/O, the one
 * confusion matrix and its metrics, report formats and the synthetic two-domain dataset. Depends on
 * Jackson only, so every other module can use it.
 */
package io.adaptseg.core;
