package ablate.plugins.detection.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;

/** GIoU loss: 1 - IoU + (C - U)/C with C the smallest enclosing box. */
public final class GiouLoss extends OverlapLoss {
    public static final String ID = "box-loss.giou";

    public GiouLoss() {
        super(PluginInfo.of(ID, SLOT, "GIoU loss: 1 - IoU + (C - U)/C with C the smallest enclosing box",
                "H. Rezatofighi, N. Tsoi, J. Gwak, A. Sadeghian, I. Reid, S. Savarese. Generalized Intersection over Union: A Metric and a Loss for Bounding Box Regression. CVPR 2019",
                Claim.raises("AP75", "GIoU loss instead of smooth L1 raises AP75 of Faster R-CNN and Mask R-CNN on MS COCO and PASCAL VOC (Rezatofighi et al. 2019)")),
                BoxOverlap::giou);
    }
}
