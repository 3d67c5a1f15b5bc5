"""The AVATAR protocol organised as the official evaluator is, for the benchmark's side-by-side timing.

Reads the first N labelled frames of a dataset (metadata/<clip>/<frame>.json) and their heatmaps
(<maps>/<clip>/<frame>.npy), then: upsamples each map to 360 x 640 with OpenCV (INTER_LINEAR), pools every
grid pixel, sorts the pool, takes tau_p at index floor((1 - p) M) for p in 0.10, 0.15, 0.20, rasterizes each
frame's ground truth with cv2.fillPoly and counts |P|, |P & G| per frame. Prints one line:
  python-protocol: <frames> frames in <seconds> s (<ms> ms/frame); tau ... ; mean cIoU ...
Needs numpy and OpenCV (Debian: python3-numpy python3-opencv). Arguments: dataset maps [frames].
"""
import json
import os
import sys
import time

import cv2
import numpy as np

H, W = 360, 640
FRACTIONS = (0.10, 0.15, 0.20)


def frames(root, limit):
    metadata = os.path.join(root, "metadata")
    for clip in sorted(os.listdir(metadata)):
        folder = os.path.join(metadata, clip)
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".json")):
            yield clip, name[:-5], os.path.join(folder, name)
            limit -= 1
            if limit == 0:
                return


def ground_truth(path):
    with open(path, encoding="utf-8") as handle:
        frame = json.load(handle)
    width, height = frame["original_width"], frame["original_height"]
    mask = np.zeros((height, width), np.uint8)
    for annotation in frame["annotations"]:
        if annotation["task"] == "Off-Screen":
            continue
        for polygon in annotation.get("segmentation") or []:
            points = np.array(polygon, dtype=np.float64).reshape(-1, 2).astype(np.int32)
            cv2.fillPoly(mask, [points], 1)
    if (height, width) != (H, W):
        mask = cv2.resize(mask, (W, H), interpolation=cv2.INTER_NEAREST)
    return mask.astype(bool)


def main():
    root, maps = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    items = list(frames(root, limit))
    start = time.perf_counter()
    grids = []
    truths = []
    for clip, index, path in items:
        heatmap = np.load(os.path.join(maps, clip, index + ".npy")).astype(np.float32)
        grids.append(cv2.resize(heatmap, (W, H), interpolation=cv2.INTER_LINEAR))
        truths.append(ground_truth(path))
    pool = np.sort(np.concatenate([grid.ravel() for grid in grids]))
    taus = [pool[int(np.floor((1.0 - p) * pool.size))] for p in FRACTIONS]
    means = []
    for tau in taus:
        scores = []
        for grid, truth in zip(grids, truths):
            predicted = grid >= tau
            inter = np.count_nonzero(predicted & truth)
            denominator = np.count_nonzero(truth) + np.count_nonzero(predicted & ~truth)
            scores.append(inter / denominator if denominator else 0.0)
        means.append(float(np.mean(scores)))
    seconds = time.perf_counter() - start
    print(f"python-protocol: {len(items)} frames in {seconds:.2f} s ({1000 * seconds / len(items):.2f} ms/frame); "
          f"tau {', '.join(f'{t:.6g}' for t in taus)}; mean cIoU {', '.join(f'{m:.4f}' for m in means)}")


if __name__ == "__main__":
    main()
