"""Image metadata: name what a photo carries, and strip it from the copy that is uploaded.

Phone cameras write the GPS position, the camera's serial number, the owner's
name and timestamps into photos. Any of these can identify a patient (a home
visit's location, the day of an appointment). The PRV012 check reports them;
the publishing code uploads :func:`strip_metadata`'s bytes instead of the file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from socialtui.errors import ValidationError

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

# EXIF tag ids (TIFF/EXIF standard) grouped by what they reveal.
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
SERIAL_TAGS = frozenset({0xA431, 0xA435, 0xC62F})  # BodySerialNumber, LensSerialNumber, CameraSerialNumber
OWNER_TAGS = frozenset({0xA430, 0x013B, 0x8298, 0x9C9D})  # CameraOwnerName, Artist, Copyright, XPAuthor
TIME_TAGS = frozenset({0x0132, 0x9003, 0x9004})  # DateTime, DateTimeOriginal, DateTimeDigitized

GPS_POSITION = "GPS position"
CAMERA_SERIAL = "camera serial number"
OWNER_NAME = "owner name"
TIMESTAMPS = "timestamps"
OTHER_METADATA = "other embedded metadata (XMP/IPTC/comments)"


class UnreadableImageError(ValidationError):
    """The file is missing, not an image, or corrupt."""


def _open(path: str | Path) -> PilImage:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
        image.load()
    except FileNotFoundError as exc:
        raise UnreadableImageError(
            f"The attachment {Path(path).name} does not exist.",
            "Attach the file again from the composer.",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UnreadableImageError(
            f"The attachment {Path(path).name} is not a readable image.",
            "Re-export the photo as JPEG or PNG and attach it again.",
        ) from exc
    return image


def describe_metadata(path: str | Path) -> list[str]:
    """Which identifying metadata kinds the image at ``path`` carries, in a fixed order.

    Returns any of: GPS position, camera serial number, owner name, timestamps,
    other embedded metadata. An empty list means nothing identifying was found.

    Raises:
        UnreadableImageError: the file is missing or is not a readable image.
    """
    image = _open(path)
    with image:
        exif = image.getexif()
        tags = set(exif.keys())
        sub: set[int] = set()
        try:
            sub = set(exif.get_ifd(EXIF_IFD).keys())
        except (KeyError, ValueError, TypeError):
            pass
        gps: dict[int, object] = {}
        try:
            gps = dict(exif.get_ifd(GPS_IFD))
        except (KeyError, ValueError, TypeError):
            pass
        kinds: list[str] = []
        if gps or GPS_IFD in tags and exif.get(GPS_IFD):
            kinds.append(GPS_POSITION)
        if (tags | sub) & SERIAL_TAGS:
            kinds.append(CAMERA_SERIAL)
        if (tags | sub) & OWNER_TAGS:
            kinds.append(OWNER_NAME)
        if (tags | sub) & TIME_TAGS:
            kinds.append(TIMESTAMPS)
        info_keys = {str(k).lower() for k in image.info}
        if info_keys & {"xmp", "xml:com.adobe.xmp", "comment", "iptc", "photoshop"}:
            kinds.append(OTHER_METADATA)
        return kinds


def strip_metadata(path: str | Path) -> bytes:
    """The image's bytes re-encoded without EXIF, GPS, XMP, IPTC or comments.

    The pixels are kept (JPEG is re-saved at high quality; the EXIF orientation
    is applied to the pixels first so the photo stays upright). The file on disk
    is not changed: upload the returned bytes.

    Raises:
        UnreadableImageError: the file is missing or is not a readable image.
    """
    from PIL import Image, ImageOps

    image = _open(path)
    with image:
        fmt = image.format or "PNG"
        upright = ImageOps.exif_transpose(image) or image
        # A fresh image holds only pixels: no info dict, no EXIF, nothing to leak.
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
        palette = upright.getpalette() if upright.mode == "P" else None
        if palette:
            clean.putpalette(palette)
        out = io.BytesIO()
        options: dict[str, object] = {}
        if fmt == "JPEG":
            options = {"quality": 95, "optimize": True}
        clean.save(out, format=fmt, **options)
        return out.getvalue()
