#!/usr/bin/env python3
"""The numpy + PIL peer that `adaptseg score` is measured against (scripts/bench-score-process.sh).

What a researcher writes in a few lines: PIL decodes each pair, the ground truth's Cityscapes labelIds are
mapped to the 19 trainIds through a lookup table, and one np.bincount(19 * gt + pred) per pair, over the
pixels whose ground truth is not ignored (255), is summed into the confusion matrix. Prints the mIoU in
percent over the classes present in the ground truth, for comparison with adaptseg's.

usage: score_peer.py GT_DIR PRED_DIR   (GT_DIR/*_gtFine_labelIds.png, PRED_DIR/*_leftImg8bit.png, same keys)
"""
import os
import sys

import numpy as np
from PIL import Image

# Cityscapes labelId -> trainId; every other labelId is ignored (255)
LABEL_TO_TRAIN = {7: 0, 8: 1, 11: 2, 12: 3, 13: 4, 17: 5, 19: 6, 20: 7, 21: 8, 22: 9, 23: 10, 24: 11, 25: 12,
                  26: 13, 27: 14, 28: 15, 31: 16, 32: 17, 33: 18}


def main(gt_dir, pred_dir):
    lut = np.full(256, 255, np.uint8)
    for label_id, train_id in LABEL_TO_TRAIN.items():
        lut[label_id] = train_id
    hist = np.zeros(19 * 19, np.int64)
    for name in sorted(os.listdir(gt_dir)):
        if not name.endswith('_gtFine_labelIds.png'):
            continue
        key = name[:-len('_gtFine_labelIds.png')]
        gt = lut[np.asarray(Image.open(os.path.join(gt_dir, name)))].astype(np.int64)
        pred = np.asarray(Image.open(os.path.join(pred_dir, key + '_leftImg8bit.png'))).astype(np.int64)
        valid = gt != 255
        hist += np.bincount(19 * gt[valid] + pred[valid], minlength=19 * 19)
    h = hist.reshape(19, 19)
    iou = np.diag(h) / np.maximum(h.sum(0) + h.sum(1) - np.diag(h), 1)
    print('mIoU %.2f' % (100 * iou[h.sum(1) > 0].mean()))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
