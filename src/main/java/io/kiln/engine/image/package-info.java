/**
 * The {@code image} engine: png, jpg, gif, bmp, tiff and webp into one pdf (a page per image or
 * TIFF page) and into each other (webp is read only), with ImageIO and the TwelveMonkeys plug-ins
 * and PDFBox. Sizes are read before pixels are decoded, so image bombs are refused cheaply.
 * Depends on {@code io.kiln.engine} and {@code io.kiln.error} only.
 */
package io.kiln.engine.image;
