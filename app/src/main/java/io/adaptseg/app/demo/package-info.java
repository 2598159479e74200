/**
 * {@code adaptseg demo}: the whole project as one pipeline of steps (synthetic data, training,
 * export, parity, edge-runtime prediction, scoring) for a source-only and an AdvNet model, ending in
 * a side-by-side per-class IoU table and a static HTML report.
 */
package io.adaptseg.app.demo;
