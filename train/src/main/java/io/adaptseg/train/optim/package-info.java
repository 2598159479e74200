/**
 * Optimisers with PyTorch semantics written on NDArrays (SGD with momentum, Adam), parameter groups
 * with learning-rate multipliers, and the poly learning-rate schedule. DJL's own optimisers use the
 * MXNet momentum form and keep no saveable state, which the reference methods' resume needs.
 */
package io.adaptseg.train.optim;
