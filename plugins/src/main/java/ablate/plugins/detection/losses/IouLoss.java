package ablate.plugins.detection.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;

/** IoU loss: 1 - IoU of the predicted and target boxes. */
public final class IouLoss extends OverlapLoss {
    public static final String ID = "box-loss.iou";

    public IouLoss() {
        super(PluginInfo.of(ID, SLOT, "IoU loss: 1 - IoU of the predicted and target boxes",
                "J. Yu, Y. Jiang, Z. Wang, Z. Cao, T. Huang. UnitBox: An Advanced Object Detection Network. ACM Multimedia 2016",
                Claim.raises("AP75", "An IoU loss instead of an ln-norm loss raises AP at high IoU thresholds (AP75): the L_IoU rows of "
                        + "Rezatofighi et al. 2019 (YOLO v3, Faster R-CNN, Mask R-CNN on PASCAL VOC and MS COCO)")),
                BoxOverlap::iou);
    }
}
