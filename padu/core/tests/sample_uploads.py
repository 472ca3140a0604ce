"""Files with known metadata and known content, for the tests that uploads are stored
without what would tell who made them (security review, issue #11), and the checks that
read a stored file back."""

from __future__ import annotations

import io
import struct

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

NAME = "Siti Rahayu"  # the complainant, in every kind of metadata below
RED = (200, 30, 30)
BLUE = (20, 40, 220)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Siti Rahayu XMP</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)
# An IPTC record (By-line, 2:80) in a Photoshop APP13 segment, as photo tools write it.
_IPTC = b"\x1c\x02\x50" + struct.pack(">H", len(NAME)) + NAME.encode()
_APP13_BODY = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(_IPTC)) + _IPTC
APP13 = b"\xff\xed" + struct.pack(">H", len(_APP13_BODY) + 2) + _APP13_BODY


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def photo(size=(64, 32), orientation: int | None = None) -> bytes:
    """A phone photo: left half red, right half blue, with EXIF (artist, camera, GPS of
    Cileunyi), XMP, an IPTC by-line, a comment and an ICC profile."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = NAME
    exif[ExifTags.Base.Make] = "samsung"
    exif[ExifTags.Base.Model] = "SM-A525F"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (6.0, 56.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (107.0, 44.0, 3.25),
    }
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95, exif=exif, xmp=XMP, comment=NAME.encode(), icc_profile=srgb_profile())
    data = out.getvalue()
    return data[:2] + APP13 + data[2:]  # the IPTC segment right after the start of image


def png_with_metadata() -> bytes:
    """Half-transparent green with a text chunk, XMP, EXIF and an ICC profile."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = NAME
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (10, 200, 30, 128)).save(
        out, format="PNG", pnginfo=info, exif=exif, icc_profile=srgb_profile()
    )
    return out.getvalue()


def pdf_with_metadata(text: str = "Bukti pungli loket 3") -> bytes:
    """A one-page PDF saying `text`, with an author, creator, producer and title in its
    document information, and XMP on the catalogue and on the page."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    page_xmp = DecodedStreamObject()
    page_xmp.set_data(XMP)
    page[NameObject("/Metadata")] = writer._add_object(page_xmp)
    writer.add_metadata(
        {"/Author": NAME, "/Creator": "HP Smart (Siti's phone)", "/Producer": "Siti Scan 1.0", "/Title": "Laporan Siti"}
    )
    writer.xmp_metadata = XMP
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_segments(data: bytes) -> list[int]:
    """The marker of every segment before the image data."""
    assert data[:2] == b"\xff\xd8"
    markers, at = [], 2
    while True:
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: pixels follow
            return markers
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]


def png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def assert_clean_jpeg(data: bytes) -> Image.Image:
    # Only the JFIF header, quantization and Huffman tables, the frame and the scan remain:
    # no APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC) or COM segment.
    assert set(jpeg_segments(data)) <= {0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA}, jpeg_segments(data)
    for trace in (b"Siti", b"Exif", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"Photoshop", b"SM-A525F"):
        assert trace not in data, trace
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {}
    assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(image.info)
    return image


def assert_clean_pdf(data: bytes, text: str = "Bukti pungli loket 3") -> None:
    for trace in (b"Siti", b"/Author", b"/Creator", b"/Producer", b"/Title", b"/Metadata", b"xmpmeta"):
        assert trace not in data, trace
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata
    assert reader.xmp_metadata is None
    # The document itself survives: its page, its size and its words.
    assert len(reader.pages) == 1
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (300, 200)
    assert text in reader.pages[0].extract_text()


def close(pixel, colour, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
