"""Behaviour of the generated bitmap font and its loader."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.font import BitmapFont  # noqa: E402
from game.ui.palette import PALETTE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
PNG = ASSETS / "fonts" / "neopix.png"
JSON = ASSETS / "fonts" / "neopix.json"
ASCII = "".join(chr(code) for code in range(32, 127))
EXTRAS = "«»…—–’“”·éèàçöüñ←↑→↓♥♪"


@pytest.fixture(scope="module")
def font():
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    pygame.display.init()
    loaded = BitmapFont.load(PNG, JSON)
    yield loaded
    pygame.display.quit()


def _ink_box(surface: pygame.Surface) -> pygame.Rect:
    return surface.get_bounding_rect(min_alpha=1)


def test_metrics(font):
    assert font.line_height == 11
    assert font.cap_height == 7
    assert font.x_height == 5
    assert font.baseline == 8
    assert font.line_height >= 8


def test_every_ascii_printable_has_a_glyph_with_ink(font):
    for ch in ASCII:
        assert font.has_glyph(ch), ch
        if ch != " ":
            image = font.render(ch, (255, 255, 255))
            assert _ink_box(image).width > 0, f"glyph {ch!r} is empty"


def test_extras_have_glyphs(font):
    for ch in EXTRAS:
        assert font.has_glyph(ch), ch


def test_distinct_glyphs_for_letters_and_digits(font):
    seen = {}
    for ch in ASCII[1:]:
        image = font.render(ch, (255, 255, 255))
        key = (image.get_size(), pygame.image.tobytes(image, "RGBA"))
        assert key not in seen, f"{ch!r} looks exactly like {seen.get(key)!r}"
        seen[key] = ch


def test_cap_height_and_descenders(font):
    cap = _ink_box(font.render("H", (255, 255, 255)))
    assert (cap.top, cap.height) == (1, 7)
    x = _ink_box(font.render("x", (255, 255, 255)))
    assert (x.top, x.height) == (3, 5)
    g = _ink_box(font.render("g", (255, 255, 255)))
    assert g.bottom == font.baseline + 2


def test_proportional_widths(font):
    assert font.width("i") < font.width("a") < font.width("m")
    assert font.width("l") < font.width("w")
    assert font.width("!") < font.width("W")
    # digits share a width so counters do not jitter
    assert len({font.width(d) for d in "0123456789"}) == 1


def test_atlas_uses_palette_white_only():
    atlas = pygame.image.load(str(PNG))
    white = PALETTE["white"]
    for x in range(atlas.get_width()):
        for y in range(atlas.get_height()):
            r, g, b, a = atlas.get_at((x, y))
            if a:
                assert (r, g, b) == white and a == 255


def test_json_rects_inside_atlas():
    meta = json.loads(JSON.read_text(encoding="utf-8"))
    width, height = pygame.image.load(str(PNG)).get_size()
    for ch, info in meta["glyphs"].items():
        x, y, w, h = info["rect"]
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height, ch
        assert info["advance"] >= w, ch


@pytest.mark.parametrize(
    "text",
    ["", "A", "Hello, world!", "Dr. Lena: “Hold still.”", ASCII, "two\nlines here", "x \n\n  y ", "café — ñ"],
)
def test_size_and_width_agree_with_render(font, text):
    image = font.render(text, (240, 200, 80))
    assert image.get_size() == font.size(text)
    assert font.width(text) == font.size(text)[0]
    assert font.size(text)[1] == font.line_height * (text.count("\n") + 1)


def test_ink_never_spills_outside_reported_size(font):
    image = font.render(ASCII + EXTRAS, (255, 255, 255))
    box = _ink_box(image)
    assert box.left >= 0 and box.right <= font.width(ASCII + EXTRAS)


def test_render_uses_exact_colour(font):
    colour = PALETTE["cyan"]
    image = font.render("Mm", colour)
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(image.get_width())
               for y in range(image.get_height()) if image.get_at((x, y)).a}
    assert colours == {colour}


def test_palette_name_accepted(font):
    a = font.render("ok", "amber")
    b = font.render("ok", PALETTE["amber"])
    assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")


@pytest.mark.parametrize("text", ["W", "Scale me 2x!", "a\nbc"])
def test_scale_two_is_exactly_double(font, text):
    one = font.render(text, (255, 255, 255))
    two = font.render(text, (255, 255, 255), scale=2)
    assert two.get_size() == (one.get_width() * 2, one.get_height() * 2)
    assert font.size(text, scale=2) == two.get_size()
    # nearest-neighbour: every 2x2 block is a copy of one source pixel, so nothing is blurry
    for x in range(one.get_width()):
        for y in range(one.get_height()):
            src = one.get_at((x, y))
            for dx in (0, 1):
                for dy in (0, 1):
                    assert two.get_at((2 * x + dx, 2 * y + dy)) == src


def test_fractional_scale_refused(font):
    with pytest.raises(ValueError):
        font.render("no", (255, 255, 255), scale=1.5)


def test_outline_and_shadow_grow_the_surface(font):
    w, h = font.size("Hi")
    assert font.render("Hi", (255, 255, 255), outline=(0, 0, 0)).get_size() == (w + 2, h + 2)
    assert font.render("Hi", (255, 255, 255), shadow=(0, 0, 0)).get_size() == (w + 1, h + 1)
    both = font.render("Hi", (255, 255, 255), outline=(0, 0, 0), shadow=(9, 9, 9), scale=3)
    assert both.get_size() == ((w + 3) * 3, (h + 3) * 3)


def test_unknown_characters_render_as_a_box(font):
    assert not font.has_glyph("中")
    image = font.render("a中☺\tb", (255, 255, 255))
    assert image.get_size() == font.size("a中☺\tb")
    assert font.width("中") == font.width("\ufffd") > 0
    assert _ink_box(font.render("中", (255, 255, 255))).width > 0


def test_draw_alignment_and_rect(font):
    target = pygame.Surface((200, 40), pygame.SRCALPHA)
    w, h = font.size("Hello")
    left = font.draw(target, "Hello", (10, 5), (255, 255, 255))
    assert left == pygame.Rect(10, 5, w, h)
    centre = font.draw(target, "Hello", (100, 5), (255, 255, 255), align="center")
    assert centre.centerx in (100, 101) and centre.width == w
    right = font.draw(target, "Hello", (190, 5), (255, 255, 255), align="right")
    assert right.right == 190
    outlined = font.draw(target, "Hello", (10, 20), (255, 255, 255), outline=(0, 0, 0), scale=1)
    assert outlined == pygame.Rect(9, 19, w + 2, h + 2)


def test_draw_clips_at_surface_edge_without_error(font):
    target = pygame.Surface((20, 10))
    font.draw(target, "A long line well past the edge", (-5, -3), (255, 255, 255), shadow=(0, 0, 0))


def test_render_result_is_independent_copy(font):
    a = font.render("copy", (255, 255, 255))
    a.fill((0, 0, 0, 0))
    b = font.render("copy", (255, 255, 255))
    assert _ink_box(b).width > 0


SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Supercalifragilisticexpialidocious is a very long word indeed, longer than any box.",
    "Line one\nLine two is a bit longer than line one\n\nafter a blank line",
    "   leading and    inner   spaces   ",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("max_width", [8, 20, 37, 60, 120, 300])
def test_wrap_never_exceeds_width(font, text, max_width):
    lines = font.wrap(text, max_width)
    for line in lines:
        assert font.width(line) <= max_width, (line, max_width)
    # no characters other than spaces are lost or invented
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_wrap_keeps_explicit_newlines(font):
    lines = font.wrap("one\ntwo\n\nthree", 500)
    assert lines == ["one", "two", "", "three"]


def test_wrap_breaks_on_spaces(font):
    lines = font.wrap("aaa bbb ccc", font.width("aaa bbb"))
    assert lines == ["aaa bbb", "ccc"]


def test_wrap_hard_breaks_long_words_without_hyphens(font):
    word = "x" * 40
    lines = font.wrap(word, 50)
    assert len(lines) > 1
    assert "".join(lines) == word
    assert all("-" not in line for line in lines)
    assert all(font.width(line) <= 50 for line in lines)


def test_wrap_at_scale(font):
    text = "Scaled wrapping keeps lines inside the box"
    for line in font.wrap(text, 100, scale=2):
        assert font.width(line, scale=2) <= 100


def test_wrap_property_based(font):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFG.,!?'\nmwil中"))

    @hypothesis.settings(max_examples=150, deadline=None)
    @hypothesis.given(text=st.text(alphabet, max_size=120), max_width=st.integers(min_value=8, max_value=400))
    def check(text, max_width):
        lines = font.wrap(text, max_width)
        assert len(lines) >= text.count("\n") + 1
        for line in lines:
            assert font.width(line) <= max_width
        assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")

    check()


def test_loader_from_assets_folder(font):
    other = BitmapFont.from_assets(ASSETS)
    assert other.line_height == font.line_height
    assert other.size("Same text") == font.size("Same text")
