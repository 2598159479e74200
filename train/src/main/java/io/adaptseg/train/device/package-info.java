/**
 * Where training computes: the {@code device} config key ({@link io.adaptseg.train.device.TrainingDevice}:
 * {@code cpu}, {@code gpu} or {@code gpu:N}), what the loaded libtorch offers
 * ({@link io.adaptseg.train.device.TorchBuild}: flavour, CUDA devices, CUDA and cuDNN versions), and the
 * check that a run asks only for a device that is there ({@link io.adaptseg.train.device.DeviceAvailability}),
 * made before any data is read. See {@code docs/commands.md} ("Training on a GPU").
 */
package io.adaptseg.train.device;
