/**
 * The segmentation networks (DeepLab-v2 and DeepLab-v3+ on ResNet trunks), the output-space
 * discriminator, and the contract the training loop, the ONNX exporter and CAG rely on.
 *
 * <h2>Getting a network</h2>
 * {@link io.adaptseg.train.model.SegmenterRegistry#create(String, int)} with a registry name returns a
 * new, uninitialised {@link io.adaptseg.train.model.Segmenter}. Names:
 * {@code deeplabv2-<r101|r50|tiny>-<single|multi|clan>} and {@code deeplabv3plus-<r101|r50|tiny>}.
 * Initialise it once, in the manager that will own the parameters, either with
 * {@code segmenter.initialize(model.getNDManager())} after {@code model.setBlock(segmenter.block())}, or
 * through {@code trainer.initialize(new Shape(1, 3, h, w))}; spatial sizes do not matter. Set
 * {@code Engine.getInstance().setRandomSeed(seed)} first for a reproducible initialisation.
 *
 * <h2>Forward</h2>
 * Input: one float32 array {@code [N, 3, H, W]}, normalised with
 * {@link io.adaptseg.train.model.Segmenter#normalization()} ({@code DEEPLAB_V2_CAFFE} for v2,
 * {@code RGB_UNIT} for v3+). Output: an {@code NDList} with one array per
 * {@link io.adaptseg.train.model.Segmenter#outputs()} name, in that order, each array named by it:
 * <ul>
 *   <li>v2 {@code single}: {@code [main]}; {@code multi}: {@code [aux (layer3), main (layer4)]};
 *       {@code clan}: {@code [c1, c2]} (both on layer4). Logits {@code [N, C, h, w]} with
 *       stride-8 sizes of the trunk (512×1024 gives 65×129; see {@code outputShapes}).</li>
 *   <li>v3+: {@code [main, features]}: logits {@code [N, C, h, w]} and the 256-d penultimate features
 *       {@code [N, 256, h, w]} (32-d for the tiny variant), both at stride 4.</li>
 * </ul>
 * Read outputs by name with {@code logits(out, "aux")}, {@code features(out)}, and use
 * {@code evaluationLogits(out)} for validation and export: {@code main}, or {@code c1 + c2} for CLAN.
 * Logits are at {@code outputStride()} (8 or 4); bring them to label size with
 * {@code upsample(logits, h, w)}, which follows the model's
 * {@link io.adaptseg.train.model.SegmenterOptions#logitsUpsampling()} (align-corners as the references,
 * or half-pixel; never shrink with it).
 * {@link io.adaptseg.train.model.SegmenterOptions} are properties of the model: the upsampling, how many
 * DeepLab-v2 ASPP branches are summed ({@link io.adaptseg.train.model.PublishedWeights} for the
 * references' checkpoints) and which BN affine is frozen.
 * {@code outputShapes(inputShape)} gives every output shape without running the network.
 *
 * <h2>Parameters</h2>
 * {@code parameters()} names every parameter with our names: the PyTorch state-dict names of the
 * equivalent PyTorch module ({@link io.adaptseg.train.model.ParameterNames}). For DeepLab-v2 they are
 * exactly the reference names ({@code conv1.weight}, {@code layer3.5.bn2.running_var},
 * {@code layer6.conv2d_list.0.bias}); the trunk names are torchvision's for both families.
 * {@code classifierParameters()} are the 10× learning-rate group (v2: the ASPP heads {@code layer5},
 * {@code layer6}; v3+: {@code aspp} and {@code decoder}); {@code backboneParameters()} the rest of the
 * trainable ones. {@code frozenParameters()} names learnable parameters that take no gradient (all BN
 * scales and shifts of v2 by default, MaxSquare's stem only with {@link io.adaptseg.train.model.BatchNormAffine}); BN running
 * statistics are never trainable, are updated by training-mode forwards and used in inference mode.
 * {@code headParameters("c1")} gives one head's classifier (CLAN's weight discrepancy). For GAN-style
 * steps use {@code setTrainable(false/true)}, which keeps frozen parameters frozen.
 *
 * <h2>Training and checkpoints</h2>
 * With a DJL {@code Trainer}: {@code model.setBlock(segmenter.block())}, initialise as above, and leave
 * the training config's initialisers empty (they would replace the reference initialisation when the
 * trainer initialises). {@code Model.save}/{@code Model.load} with a freshly created segmenter of the
 * same name and class count restore parameters and running statistics exactly (tested); the frozen
 * flags come from the factory, not from the file. Weight files for exchange with PyTorch are in
 * {@link io.adaptseg.train.weights}.
 *
 * <h2>Blocks</h2>
 * Networks are built only from the vocabulary of {@link io.adaptseg.train.model.blocks}; the exporter
 * walks {@code DeepLabV2Net} / {@code DeepLabV3PlusNet} and the discriminator's {@code SequentialBlock}.
 */
package io.adaptseg.train.model;
