/**
 * The synthetic two-domain dataset: procedural street scenes with exact labels, rendered in a
 * game-like source appearance (GTA5-like and SYNTHIA-like layouts on disk) and a camera-like target
 * appearance (Cityscapes layout), plus {@link io.adaptseg.synth.ColourBaseline}, a network-free
 * classifier that makes the domain gap measurable.
 */
package io.adaptseg.synth;
