/** Training on DJL + PyTorch: optimisers, losses, adaptation methods, data loading, the loop, checkpoints. */
package io.adaptseg.train;
