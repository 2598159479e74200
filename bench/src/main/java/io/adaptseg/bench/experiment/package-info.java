/**
 * Experiments on the synthetic domains that the README reports: the domain gap of each method
 * ({@link io.adaptseg.bench.experiment.GapExperiment}), the methods compared from one seed and budget
 * ({@link io.adaptseg.bench.experiment.MethodsExperiment}), and source-only / MS / IW-MS with and without
 * an auxiliary labelled source domain over several training seeds
 * ({@link io.adaptseg.bench.experiment.AuxiliaryExperiment}, summarised by
 * {@link io.adaptseg.bench.experiment.SeedSummary}; a run is resumed only from the inputs it was started
 * from, {@link io.adaptseg.bench.experiment.RunInputs}).
 */
package io.adaptseg.bench.experiment;
