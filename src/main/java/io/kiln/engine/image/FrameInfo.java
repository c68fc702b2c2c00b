package io.kiln.engine.image;

/**
 * What a frame's header says, read before any pixel is decoded.
 *
 * @param width stored width in pixels
 * @param height stored height in pixels
 * @param dpiX horizontal resolution (72 when the file gives none or an implausible one)
 * @param dpiY vertical resolution, likewise
 * @param orientation how to turn the stored pixels upright
 * @param plainJpeg a grey or YCbCr/RGB JPEG whose bytes a PDF can embed unchanged
 */
record FrameInfo(int width, int height, double dpiX, double dpiY, Orientation orientation, boolean plainJpeg) {

    /** Width in points of the upright image at its resolution. */
    double uprightWidthPt() {
        return orientation.swapsAxes() ? height * 72 / dpiY : width * 72 / dpiX;
    }

    /** Height in points of the upright image at its resolution. */
    double uprightHeightPt() {
        return orientation.swapsAxes() ? width * 72 / dpiX : height * 72 / dpiY;
    }
}
