/**
 * Experiments on the synthetic domains that the README reports: the domain gap of each method
 * ({@link io.adaptseg.bench.experiment.GapExperiment}), the methods compared from one seed and budget
 * ({@link io.adaptseg.bench.experiment.MethodsExperiment}), and source-only / MS / IW-MS with and without
 * an auxiliary labelled source domain ({@link io.adaptseg.bench.experiment.AuxiliaryExperiment}).
 */
package io.adaptseg.bench.experiment;
