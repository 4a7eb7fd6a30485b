"""Drawing and sound helpers the menu scenes share (they read state, never change it)."""

from __future__ import annotations

import math

import pygame

from game.ui.palette import colour

_BANDS = ("ink", "ink", "night", "night", "night", "navy", "navy", "navy", "slate", "teal_dark")


def draw_backdrop(surface: pygame.Surface, t: int, assets) -> None:
    """Night over the clinic: banded sky, a faint floor grid, and drifting nano-bots with a glow."""
    w, h = surface.get_size()
    band = h // len(_BANDS)
    for i, name in enumerate(_BANDS):
        surface.fill(colour(name), pygame.Rect(0, i * band, w, band + 1))
        if i:  # a dithered seam between bands so the gradient reads smooth at 1x
            prev = colour(_BANDS[i - 1])
            y = i * band
            for x in range(0, w, 2):
                surface.set_at((x + (y // 1) % 2, y), prev)
    horizon = int(h * 0.72)
    grid = colour("teal")
    for k in range(1, 9):  # receding floor lines
        y = horizon + int((k * k) * 1.3)
        if y < h:
            pygame.draw.line(surface, grid, (0, y), (w, y))
    for k in range(-12, 13):
        x_far = w // 2 + k * 18
        x_near = w // 2 + k * 70
        pygame.draw.line(surface, colour("teal_dark"), (x_far, horizon), (x_near, h))
    pygame.draw.line(surface, colour("cyan"), (0, horizon), (w, horizon))
    glow = assets.image("ui/glow.png")
    for i in range(70):
        # each bot follows its own smooth loop; purely a function of (i, t)
        phase = i * 2.399963
        speed = 0.004 + (i % 7) * 0.0012
        x = (w / 2 + math.cos(phase + t * speed) * (120 + (i * 37) % 220) + math.sin(t * 0.01 + i) * 8) % w
        y = (h * 0.45 + math.sin(phase * 1.7 + t * speed * 1.3) * (60 + (i * 23) % 90)) % h
        if i % 5 == 0:
            surface.blit(glow, (int(x) - 12, int(y) - 12), special_flags=pygame.BLEND_RGB_ADD)
        surface.set_at((int(x), int(y)), colour("cyan_light"))
        surface.set_at((int(x) + 1, int(y)), colour("cyan"))


def dim(surface: pygame.Surface, amount: int = 150) -> None:
    """Darken what is already drawn (under a pause menu or dialogue)."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((*colour("ink"), amount))
    surface.blit(shade, (0, 0))


def draw_notice(surface: pygame.Surface, ctx, font) -> None:
    """The newest notice for the player, in a small banner at the top."""
    text = ctx.current_notice()
    if text is None:
        return
    width = font.width(text) + 16
    rect = pygame.Rect((surface.get_width() - width) // 2, 6, width, font.line_height + 8)
    pygame.draw.rect(surface, colour("ink"), rect)
    pygame.draw.rect(surface, colour("amber"), rect, 1)
    font.draw(surface, text, (rect.centerx, rect.y + 4), colour("amber"), align="center")


def play(ctx, name: str) -> None:
    ctx.audio.play_sfx(name)
