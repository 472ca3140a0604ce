"""An image's address in rich text cannot climb out of the media folder by hiding its ".."
behind percent-encoding, backslashes, entities or tabs: the check reads the address the way
a browser (or a server that decodes once more) would."""

from __future__ import annotations

import pytest

from padu.core.richtext import render, sanitise


@pytest.mark.parametrize(
    "src",
    [
        "/media/../akun/ekspor/",
        "/media/%2e%2e/akun/ekspor/",
        "/media/%2E%2E%2Fakun/ekspor/",
        "/media/..%2fakun/ekspor/",
        "/media/.%2e/akun/ekspor/",
        "/media/%2e./akun/ekspor/",
        "/media/%252e%252e/akun/ekspor/",  # decoded twice: %252e -> %2e -> .
        "/media/%25252e%25252e%25252fakun/",  # three times
        "/media/%2e%2e%5cakun/ekspor/",  # ..\ after decoding
        "/media/..\\akun/ekspor/",
        "/media\\..\\akun/ekspor/",
        "/media/&#46;&#46;/akun/ekspor/",  # entities: the parser decodes them first
        "/media/&period;&period;/akun/",
        "/media/.\t./akun/ekspor/",  # a URL parser drops tabs and line breaks
        "/media/.%0a./akun/ekspor/",
        "/%2e%2e/akun/ekspor/",
        "/%6d%65%64%69%61/%2e%2e/akun/",
        "/media%2f%2e%2e%2fakun/",
        "/%2fevil.example/media/a.png",  # another host once decoded
        "/media/" + "%25" * 8 + "2e%2e/akun/",  # decoding that never settles in the allowed rounds
    ],
)
def test_an_image_address_that_climbs_out_of_media_is_dropped(src):
    html = f'<p>a</p><img src="{src}" alt="x">'
    assert sanitise(html) == "<p>a</p>", src
    assert str(render(html)) == "<p>a</p>", src


@pytest.mark.parametrize(
    "src",
    [
        "/media/berita/2026/posyandu.png",
        "/media/berita/foto%20kegiatan%20desa.jpg",  # an encoded space is an ordinary name
        "/media/berita/warga-antre.v2.jpeg",
        "/media/jdih/perdes_01.png",
    ],
)
def test_a_real_media_path_is_kept_as_written(src):
    # Owner control: the check must not refuse ordinary media addresses.
    html = f'<img src="{src}" alt="Warga antre">'
    assert sanitise(html) == html
    assert str(render(html)) == html


def test_a_callers_own_image_route_is_read_the_same_way():
    prefixes = ["/berita/gambar/"]
    assert sanitise('<img src="/berita/gambar/3/" alt="x">', image_prefixes=prefixes) == (
        '<img src="/berita/gambar/3/" alt="x">'
    )
    assert sanitise('<img src="/berita/gambar/%2e%2e/%2e%2e/akun/" alt="x">', image_prefixes=prefixes) == ""
    # Written encoded, the prefix itself must still be the allowed one once decoded.
    assert sanitise('<img src="/berita/gambar%2f..%2fadmin/" alt="x">', image_prefixes=prefixes) == ""
