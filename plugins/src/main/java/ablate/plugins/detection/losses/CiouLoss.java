package ablate.plugins.detection.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;

/** CIoU loss: DIoU loss + alpha*v, v the aspect-ratio discrepancy. */
public final class CiouLoss extends OverlapLoss {
    public static final String ID = "box-loss.ciou";

    public CiouLoss() {
        super(PluginInfo.of(ID, SLOT, "CIoU loss: DIoU loss + alpha*v, v the aspect-ratio discrepancy",
                "Z. Zheng, P. Wang, W. Liu, J. Li, R. Ye, D. Ren. Distance-IoU Loss: Faster and Better Learning for Bounding Box Regression. AAAI 2020",
                Claim.raises("AP75", "CIoU loss raises AP75 further than DIoU over the IoU and GIoU losses for YOLO v3 and SSD on PASCAL VOC 2007 and Faster R-CNN on MS COCO (Zheng et al. 2020)")),
                BoxOverlap::ciou);
    }
}
