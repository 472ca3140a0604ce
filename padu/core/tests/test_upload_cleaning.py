"""Uploads are stored without what would tell who made them (security review, issue #11):
the kernel's check decodes each accepted file and writes it anew, in place, so whatever an
app stores is the cleaned file. Each file here is built with known metadata and known
pixels or text (`sample_uploads`); the apps' own upload paths are tested in
tests/test_upload_cleaning.py.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from PIL import ExifTags, Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from padu.core.errors import InvalidInput
from padu.core.tests.sample_uploads import (
    BLUE,
    NAME,
    RED,
    assert_clean_jpeg,
    assert_clean_pdf,
    close,
    jpeg_segments,
    pdf_with_metadata,
    photo,
    png_chunks,
    png_with_metadata,
    upload,
)
from padu.core.uploads import check_upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_test_files_carry_what_must_go():
    # The known answers: without cleaning, each of these would be stored as it is.
    raw = photo()
    assert {0xE1, 0xE2, 0xED, 0xFE} <= set(jpeg_segments(raw))
    exif = Image.open(io.BytesIO(raw)).getexif()
    assert exif[ExifTags.Base.Artist] == NAME and exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert b"Siti Rahayu XMP" in raw and b"Photoshop 3.0" in raw
    assert {b"tEXt", b"iTXt", b"eXIf", b"iCCP"} <= set(png_chunks(png_with_metadata()))
    reader = PdfReader(io.BytesIO(pdf_with_metadata()))
    assert reader.metadata is not None and reader.metadata.author == NAME
    assert reader.xmp_metadata is not None


def test_a_photo_loses_exif_gps_xmp_iptc_icc_and_comment_but_keeps_its_picture():
    cleaned = upload("bukti.jpg", photo())
    checked = check_upload(cleaned, field="attachments", max_size=5 * 1024 * 1024)
    kept = cleaned.read()
    assert checked.content_type == "image/jpeg"
    assert (checked.size, checked.sha256) == (len(kept), hashlib.sha256(kept).hexdigest())
    image = assert_clean_jpeg(kept)
    assert image.size == (64, 32)
    assert close(image.getpixel((8, 16)), RED) and close(image.getpixel((56, 16)), BLUE)


def test_a_photo_taken_sideways_is_stored_upright():
    # Orientation 6: the camera was turned; a viewer rotates the picture 90° clockwise. Without
    # its EXIF the stored pixels must already be turned, or the photo would show on its side.
    cleaned = upload("miring.jpg", photo(size=(64, 32), orientation=6))
    check_upload(cleaned, field="attachments", max_size=5 * 1024 * 1024)
    image = assert_clean_jpeg(cleaned.read())
    assert image.size == (32, 64)
    # The left half (red) is now the top, the right half (blue) the bottom.
    assert close(image.getpixel((16, 8)), RED) and close(image.getpixel((16, 56)), BLUE)


def test_a_png_loses_its_text_xmp_exif_and_icc_chunks_but_keeps_pixels_and_transparency():
    cleaned = upload("tangkapan.png", png_with_metadata())
    checked = check_upload(cleaned, field="file", max_size=5 * 1024 * 1024)
    kept = cleaned.read()
    assert checked.content_type == "image/png" and checked.sha256 == hashlib.sha256(kept).hexdigest()
    assert set(png_chunks(kept)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}, png_chunks(kept)
    assert b"Siti" not in kept
    image = Image.open(io.BytesIO(kept))
    assert image.size == (30, 20) and image.getpixel((5, 5)) == (10, 200, 30, 128)


def test_a_palette_png_keeps_its_transparent_colour():
    image = Image.new("P", (10, 10))
    image.putpalette([0, 0, 0, 255, 0, 0])
    image.paste(1, (0, 0, 5, 5))
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=0)
    cleaned = upload("ikon.png", out.getvalue())
    check_upload(cleaned, field="file", max_size=1024 * 1024)
    kept = Image.open(io.BytesIO(cleaned.read())).convert("RGBA")
    assert kept.getpixel((1, 1)) == (255, 0, 0, 255) and kept.getpixel((8, 8)) == (0, 0, 0, 0)


def test_a_pdf_loses_its_document_information_and_xmp_but_keeps_its_pages():
    cleaned = upload("laporan.pdf", pdf_with_metadata())
    checked = check_upload(cleaned, field="file", max_size=5 * 1024 * 1024)
    kept = cleaned.read()
    assert checked.content_type == "application/pdf"
    assert (checked.size, checked.sha256) == (len(kept), hashlib.sha256(kept).hexdigest())
    assert_clean_pdf(kept)


def test_a_pdf_with_an_empty_user_password_is_stored_open_and_clean():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_metadata())))
    writer.encrypt(user_password="", owner_password="bank-only", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    cleaned = upload("rekening.pdf", out.getvalue())
    check_upload(cleaned, field="file", max_size=5 * 1024 * 1024)
    kept = cleaned.read()
    assert not PdfReader(io.BytesIO(kept)).is_encrypted
    assert_clean_pdf(kept)


def test_a_pdf_locked_with_a_password_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_metadata())))
    writer.encrypt(user_password="rahasia", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InvalidInput) as refused:
        check_upload(upload("kunci.pdf", out.getvalue()), field="file", max_size=5 * 1024 * 1024)
    assert refused.value.code == "pdf_encrypted" and "file" in refused.value.errors


def test_a_signed_pdf_is_kept_byte_for_byte():
    # Writing it anew would break the signature; its metadata names no one the signature does not.
    reader = PdfReader(io.BytesIO(pdf_with_metadata()))
    writer = PdfWriter(clone_from=reader)
    signature = DictionaryObject(
        {NameObject("/Type"): NameObject("/Sig"), NameObject("/Contents"): TextStringObject("0" * 16)}
    )
    field = DictionaryObject(
        {
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): TextStringObject("Tanda tangan"),
            NameObject("/V"): writer._add_object(signature),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        }
    )
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)]), NameObject("/SigFlags"): NumberObject(3)}
    )
    out = io.BytesIO()
    writer.write(out)
    signed = out.getvalue()
    kept = upload("surat-bertanda-tangan.pdf", signed)
    checked = check_upload(kept, field="file", max_size=5 * 1024 * 1024)
    assert kept.read() == signed and checked.sha256 == hashlib.sha256(signed).hexdigest()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rusak.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("rusak.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("terpotong.jpg", photo()[:400]),
        ("rusak.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
        ("bukan.pdf", b"%PDF-1.7 <html><script>alert(1)</script>"),
    ],
)
def test_a_file_that_cannot_be_decoded_is_refused_clearly(name, data):
    with pytest.raises(InvalidInput) as refused:
        check_upload(upload(name, data), field="attachments", max_size=5 * 1024 * 1024)
    assert refused.value.code == "file_unreadable"
    assert refused.value.errors["attachments"] == [str(refused.value.message)]
    assert "damaged" in str(refused.value.message) or "rusak" in str(refused.value.message)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size in its header and holds a few bytes of pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_before_it_is_unpacked():
    bomb = _png_header_only(100_000, 100_000)  # 10 gigapixels in 100 bytes
    assert len(bomb) < 200
    with pytest.raises(InvalidInput) as refused:
        check_upload(upload("bom.png", bomb), field="attachments", max_size=5 * 1024 * 1024)
    assert refused.value.code == "image_too_large"
    assert "attachments" in refused.value.errors


def test_the_pixel_limit_is_pillows_max_image_pixels(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)
    small = io.BytesIO()
    Image.new("RGB", (30, 30), RED).save(small, format="PNG")  # 900 pixels: allowed
    check_upload(upload("kecil.png", small.getvalue()), field="file", max_size=1024 * 1024)
    over = io.BytesIO()
    Image.new("RGB", (40, 40), RED).save(over, format="PNG")  # 1,600: above the limit (Pillow only warns)
    with pytest.warns(Image.DecompressionBombWarning), pytest.raises(InvalidInput) as refused:
        check_upload(upload("besar.png", over.getvalue()), field="file", max_size=1024 * 1024)
    assert refused.value.code == "image_too_large"


def test_a_large_upload_kept_on_disk_is_rewritten_where_storage_takes_it():
    # Django writes a large upload to a temporary file, which storage then moves: it must be
    # that file which holds the cleaned bytes.
    data = photo()
    on_disk = TemporaryUploadedFile("bukti.jpg", "image/jpeg", len(data), None)
    on_disk.write(data)
    on_disk.seek(0)
    checked = check_upload(on_disk, field="attachments", max_size=5 * 1024 * 1024)
    name = default_storage.save("lampiran/bukti.jpg", on_disk)
    on_disk.close()  # as the request does: the temporary file was moved, not left behind
    with default_storage.open(name, "rb") as stored:
        kept = stored.read()
    assert hashlib.sha256(kept).hexdigest() == checked.sha256 and len(kept) == checked.size
    assert_clean_jpeg(kept)
