/**
 * Experiments on the synthetic domains that the README reports: the domain gap of each method
 * ({@link io.adaptseg.bench.experiment.GapExperiment}) and the methods compared from one seed and budget
 * ({@link io.adaptseg.bench.experiment.MethodsExperiment}).
 */
package io.adaptseg.bench.experiment;
