/**
 * Batch prediction as an application: image folders or a Cityscapes split in, Cityscapes-named
 * prediction PNGs out (trainIds, labelIds, colour, overlay), written atomically, resumable, with
 * per-file failures reported and the IoU report of what was written at the end.
 */
package io.adaptseg.infer;
