/**
 * How PyTorch computes convolutions on this CPU, decided once per machine and checked against an
 * independent computation.
 *
 * <p>PyTorch's CPU convolutions run through oneDNN by default. oneDNN sizes its kernels' blocking from
 * the CPU's cache sizes; on a VM whose CPUID reports none (seen on AMD Zen 5), its backward kernels
 * divide by zero (SIGFPE) or return garbage, while forward stays right. {@link
 * io.adaptseg.train.numerics.TorchNumerics#ensureConfigured()} is the one place every entry point goes
 * through before the first convolution: it checks each candidate {@link
 * io.adaptseg.train.numerics.ConvolutionRoute} in a child JVM (a SIGFPE cannot be caught in-process)
 * against {@link io.adaptseg.train.numerics.ReferenceOps}, plain Java loops in double precision,
 * keeps the fastest correct route, caches the verdict per CPU signature, and applies it.
 * See {@code docs/numerics.md}.
 */
package io.adaptseg.train.numerics;
