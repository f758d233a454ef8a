"""Image metadata: what describe_metadata reports and what strip_metadata removes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from socialtui.checks import CheckSubject, MediaInfo, run_checks
from socialtui.checks.media import (
    CAMERA_SERIAL,
    GPS_POSITION,
    OWNER_NAME,
    TIMESTAMPS,
    UnreadableImageError,
    describe_metadata,
    strip_metadata,
)

from .harness import make_image


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [("gps", [GPS_POSITION]), ("serial", [CAMERA_SERIAL]), ("owner", [OWNER_NAME]),
     ("time", [TIMESTAMPS]), ("clean", []), ("everything", [GPS_POSITION, OWNER_NAME, TIMESTAMPS])],
)
def test_describe_metadata_names_each_kind(tmp_path: Path, metadata: str, expected: list[str]) -> None:
    path = tmp_path / "photo.jpg"
    make_image(path, metadata)
    assert describe_metadata(path) == expected


def test_strip_metadata_removes_gps_owner_and_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    make_image(path, "everything")
    clean = tmp_path / "clean.jpg"
    clean.write_bytes(strip_metadata(path))
    assert describe_metadata(clean) == []
    with Image.open(clean) as image:
        assert image.size == (32, 24)
        assert image.format == "JPEG"


def test_strip_metadata_keeps_png_as_png(tmp_path: Path) -> None:
    path = tmp_path / "chart.png"
    exif = Image.Exif()
    exif[0x013B] = "Dana Whitfield"
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(path, exif=exif.tobytes())
    assert describe_metadata(path) == [OWNER_NAME]
    with Image.open(io.BytesIO(strip_metadata(path))) as image:
        assert image.format == "PNG" and not image.getexif()


def test_strip_metadata_applies_the_orientation_to_the_pixels(tmp_path: Path) -> None:
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° on display
    Image.new("RGB", (40, 10)).save(path, exif=exif.tobytes())
    with Image.open(io.BytesIO(strip_metadata(path))) as image:
        assert image.size == (10, 40)


@pytest.mark.parametrize("metadata", ["corrupt", "missing"])
def test_unreadable_images_raise_a_clear_error(tmp_path: Path, metadata: str) -> None:
    path = tmp_path / "broken.jpg"
    make_image(path, metadata)
    with pytest.raises(UnreadableImageError, match="broken.jpg"):
        describe_metadata(path)
    with pytest.raises(UnreadableImageError):
        strip_metadata(path)


def test_a_corrupt_attachment_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    make_image(path, "corrupt")
    findings = run_checks(CheckSubject(text="Photo", media=(MediaInfo(str(path), "photo", "image/jpeg", 20),)))
    assert [f.code for f in findings if f.severity.value == "error"] == ["PRV013"]
