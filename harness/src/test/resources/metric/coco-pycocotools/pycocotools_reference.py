import sys, json, io, contextlib
import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
gt_path, dt_path = sys.argv[1], sys.argv[2]
with contextlib.redirect_stdout(io.StringIO()):
    gt = COCO(gt_path); dt = gt.loadRes(dt_path)
    E = COCOeval(gt, dt, 'bbox'); E.evaluate(); E.accumulate(); E.summarize()
keys = ["AP","AP50","AP75","APs","APm","APl","AR1","AR10","AR100","ARs","ARm","ARl"]
out = {k: float(v) for k, v in zip(keys, E.stats)}
p = E.eval['precision']
per = []
for k, cat in enumerate(E.params.catIds):
    s = p[:, :, k, 0, -1]; s = s[s > -1]
    per.append({"id": int(cat), "AP": float(np.mean(s)) if s.size else -1.0})
out["perCategory"] = per
print(json.dumps(out))
