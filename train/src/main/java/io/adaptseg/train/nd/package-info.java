/**
 * NDArray helpers the training code needs on top of DJL. {@link io.adaptseg.train.nd.Scalars}
 * multiplies, divides and clamps by Java numbers without DJL's scalar overloads, whose temporary
 * scalar tensor lives in Java memory that is freed before the backward pass reads it.
 */
package io.adaptseg.train.nd;
