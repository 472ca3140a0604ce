"""Checking an uploaded file before it is stored, and sending a stored file back out.

The one way every app does it. The type is judged by the file's first bytes (its magic
number), never by its name or the browser's content type: an HTML page named ktp.pdf is
refused. The size is counted while reading, so a lying Content-Length does not help.
Each app states what it accepts (types, size) and the field the error belongs to.

Every accepted file is then cleaned of what would tell who made it, since officers or the
public see it (a photo for an anonymous complaint must not carry the complainant's name,
phone model or the GPS position of their home): a photo is decoded and written anew from
its pixels, turned upright first by its EXIF orientation, so EXIF, XMP, IPTC, the ICC
profile (its colours are converted to sRGB first) and comments are gone; a PDF is written
anew without its document information (author, creator, producer, title, ...) and without
XMP metadata streams. The upload is rewritten in place with the cleaned bytes, so whatever
the caller stores is the cleaned file, and the size and SHA-256 returned are the cleaned
file's. A file that cannot be decoded is refused (`file_unreadable`), as is a picture with
more pixels than Pillow's `Image.MAX_IMAGE_PIXELS` (`image_too_large`: a few kilobytes can
unpack to gigabytes) and a PDF locked with a password (`pdf_encrypted`).

A PDF that carries an electronic signature is kept byte for byte: writing it anew would
break the signature (an applicant's signed letter from another office, a Padu document
sent back as evidence), and its metadata names no one the signature does not already name.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, JpegImagePlugin

from padu.core.errors import InvalidInput

logger = logging.getLogger(__name__)

SIGNATURES: dict[str, bytes] = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
CHUNK = 64 * 1024
# The JPEG quality of a photo re-encoded without its own quantization tables.
JPEG_QUALITY = 90
# Dictionary keys of a PDF that hold metadata: XMP streams (on the catalogue, pages, images,
# fonts ...) and applications' private data (Illustrator, Acrobat: names, paths).
PDF_METADATA_KEYS = ("/Metadata", "/PieceInfo")


class FileTooLarge(InvalidInput):
    status = 413
    code = "file_too_large"


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str
    original_name: str


def sniff(head: bytes) -> str | None:
    """The content type the bytes really have, or None if it is none we know."""
    for content_type, magic in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def type_names(allowed: Sequence[str]) -> str:
    """E.g. "PDF, JPG or PNG"."""
    names = [TYPE_NAMES[t] for t in allowed]
    if len(names) == 1:
        return names[0]
    return _("%(a)s or %(b)s") % {"a": ", ".join(names[:-1]), "b": names[-1]}


def check_upload(
    upload: UploadedFile,
    *,
    field: str,
    max_size: int,
    allowed: Sequence[str] = DOCUMENT_TYPES,
    default_name: str = "berkas",
) -> CheckedUpload:
    """Refuse an empty, oversize, wrongly typed or unreadable file, with a stable code and
    the field; clean the accepted one in place (see the module's docstring)."""

    def too_large() -> FileTooLarge:
        message = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_size)}
        return FileTooLarge(message, errors={field: [message]})

    if upload.size is not None and upload.size > max_size:
        raise too_large()
    chunks: list[bytes] = []
    size = 0
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        size += len(chunk)
        if size > max_size:
            raise too_large()
        chunks.append(chunk)
    upload.seek(0)
    if size == 0:
        message = _("The file is empty.")
        raise InvalidInput(message, code="file_empty", errors={field: [message]})
    data = b"".join(chunks)
    content_type = sniff(data[:16])
    if content_type is None or content_type not in allowed:
        message = _("The file must be one of: %(types)s.") % {"types": ", ".join(TYPE_NAMES[t] for t in allowed)}
        raise InvalidInput(message, code="file_type_not_allowed", errors={field: [message]})
    cleaned = clean(data, content_type, field=field)
    if cleaned != data:
        _replace_content(upload, cleaned)
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or default_name
    return CheckedUpload(
        content_type=content_type,
        size=len(cleaned),
        sha256=hashlib.sha256(cleaned).hexdigest(),
        original_name=name,
    )


def clean(data: bytes, content_type: str, *, field: str = "file") -> bytes:
    """The file without what would tell who made it, where or with what; refused with a
    stable code (at `field`) when it cannot be decoded as `content_type`."""
    if content_type == "application/pdf":
        return _clean_pdf(data, field)
    if content_type in ("image/jpeg", "image/png"):
        return _clean_image(data, content_type, field)
    raise ValueError(f"no cleaning for {content_type}")


def _refuse(message: str, code: str, field: str) -> InvalidInput:
    return InvalidInput(message, code=code, errors={field: [message]})


def _unreadable(content_type: str, field: str) -> InvalidInput:
    if content_type == "application/pdf":
        message = _("The file could not be read as a PDF; it may be damaged.")
    else:
        message = _("The image could not be read; it may be damaged.")
    return _refuse(message, "file_unreadable", field)


def _clean_image(data: bytes, content_type: str, field: str) -> bytes:
    fmt = "JPEG" if content_type == "image/jpeg" else "PNG"
    limit = Image.MAX_IMAGE_PIXELS
    try:
        # Only the decoder of the sniffed type: a file is never read as some other format.
        with Image.open(io.BytesIO(data), formats=[fmt]) as source:
            if limit is not None and source.width * source.height > limit:
                raise Image.DecompressionBombError(f"{source.width}x{source.height}")
            source.load()
            return _reencode(source, fmt)
    except Image.DecompressionBombError as exc:
        raise _refuse(_("The image has too many pixels."), "image_too_large", field) from exc
    except Exception as exc:  # a hostile or damaged file may break a decoder in any way
        logger.info("Upload refused: not a readable %s (%s: %s)", fmt, type(exc).__name__, exc)
        raise _unreadable(content_type, field) from exc


def _reencode(source: Image.Image, fmt: str) -> bytes:
    """The picture's pixels, upright, in sRGB, in a new file that holds nothing else."""
    try:
        picture = ImageOps.exif_transpose(source)  # a copy: its `info` is ours to empty
    except Exception:  # damaged EXIF: the picture as it was stored
        picture = source.copy()
    transparency = picture.info.get("transparency")
    picture = _to_srgb(picture, source.info.get("icc_profile"))
    # The encoders write only what they are given and, for a few entries, what `info`
    # holds (a JPEG comment, a PNG's ICC profile): give them nothing.
    picture.info = {}
    out = io.BytesIO()
    if fmt == "JPEG":
        try:
            # The source's own quantization and subsampling: the same quality, about the same size.
            picture.save(
                out,
                format="JPEG",
                qtables=getattr(source, "quantization", None) or None,
                subsampling=JpegImagePlugin.get_sampling(source),
                optimize=True,
            )
        except (ValueError, OSError):
            out = io.BytesIO()
            picture.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        options: dict[str, Any] = {} if transparency is None else {"transparency": transparency}
        picture.save(out, format="PNG", **options)
    return out.getvalue()


def _to_srgb(picture: Image.Image, icc: bytes | None) -> Image.Image:
    """Colours converted from an embedded profile (a phone's Display P3) to sRGB, which is
    what a picture without one is taken to be; left as they are when that cannot be done."""
    if not icc or picture.mode not in ("RGB", "RGBA"):
        return picture
    try:
        from PIL import ImageCms

        converted = ImageCms.profileToProfile(
            picture, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"), outputMode=picture.mode
        )
    except Exception:  # a broken or unusable profile: keep the pixels as they are
        return picture
    return converted if converted is not None else picture


def _clean_pdf(data: bytes, field: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            message = _("The PDF is protected by a password; upload it without one.")
            raise _refuse(message, "pdf_encrypted", field)
        if _pdf_signed(reader):
            return data
        _strip_pdf_metadata(reader.trailer["/Root"])
        writer = PdfWriter()
        # The catalogue and all it reaches, without the trailer's document information.
        writer.clone_reader_document_root(reader)
        writer.pdf_header = reader.pdf_header
        out = io.BytesIO()
        writer.write(out)
    except InvalidInput:
        raise
    except Exception as exc:  # a hostile or damaged file may break the parser in any way
        logger.info("Upload refused: not a readable PDF (%s: %s)", type(exc).__name__, exc)
        raise _unreadable("application/pdf", field) from exc
    return out.getvalue()


def _pdf_signed(reader: Any) -> bool:
    """Whether a signature field of the PDF holds a signature."""
    try:
        fields = reader.get_fields() or {}
    except Exception:  # a damaged form is no signature
        return False
    return any(f.get("/FT") == "/Sig" and f.get("/V") is not None for f in fields.values())


def _strip_pdf_metadata(root: Any) -> None:
    """Remove the metadata entries from every dictionary the catalogue reaches, before it
    is copied (what is no longer reached is not written)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key in PDF_METADATA_KEYS:
                node.pop(key, None)
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def _replace_content(upload: UploadedFile, data: bytes) -> None:
    """Put the cleaned bytes where the upload's were, so that what the caller stores is them."""
    if hasattr(upload, "temporary_file_path"):
        # A large upload on disk: storage moves that very file, so it is rewritten.
        target = upload.file
        assert target is not None  # noqa: S101 - an upload always has its file
        target.seek(0)
        target.write(data)
        target.truncate()
        target.flush()
    else:
        upload.file = io.BytesIO(data)
    upload.size = len(data)
    upload.seek(0)


def download_response(fieldfile: Any, content_type: str, name: str, *, public: bool = False) -> FileResponse:
    """A stored file as a download, never rendered in the browser."""
    response = FileResponse(fieldfile.open("rb"), content_type=content_type, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
