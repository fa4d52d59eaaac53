package ablate.plugins.detection.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;

/** DIoU loss: 1 - IoU + squared centre distance / squared enclosing diagonal. */
public final class DiouLoss extends OverlapLoss {
    public static final String ID = "box-loss.diou";

    public DiouLoss() {
        super(PluginInfo.of(ID, SLOT, "DIoU loss: 1 - IoU + squared centre distance / squared enclosing diagonal",
                "Z. Zheng, P. Wang, W. Liu, J. Li, R. Ye, D. Ren. Distance-IoU Loss: Faster and Better Learning for Bounding Box Regression. AAAI 2020",
                Claim.raises("AP75", "DIoU loss raises AP75 over the IoU and GIoU losses for YOLO v3 and SSD on PASCAL VOC 2007 and Faster R-CNN on MS COCO (Zheng et al. 2020)")),
                BoxOverlap::diou);
    }
}
