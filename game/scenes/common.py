"""Drawing and sound helpers the menu scenes share (they read state, never change it)."""

from __future__ import annotations

import math

import pygame

from game.ui.palette import colour

_SKY = ("ink", "night", "navy", "slate", "teal_dark")
_BAYER4 = ((0, 8, 2, 10), (12, 4, 14, 6), (3, 11, 1, 9), (15, 7, 13, 5))


def _sky(width: int, height: int) -> pygame.Surface:
    """A night gradient through palette colours, blended with an ordered dither."""
    sky = pygame.Surface((width, height))
    stops = [colour(name) for name in _SKY]
    span = (height - 1) / (len(stops) - 1)
    for y in range(height):
        pos = y / span
        i = min(int(pos), len(stops) - 2)
        frac = pos - i
        for x in range(4):
            threshold = (_BAYER4[y % 4][x] + 0.5) / 16
            tone = stops[i + 1] if frac > threshold else stops[i]
            sky.fill(tone, pygame.Rect(x, y, 1, 1))
        row = sky.subsurface(pygame.Rect(0, y, 4, 1)).copy()
        for x in range(4, width, 4):
            sky.blit(row, (x, y))
    return sky


def draw_backdrop(surface: pygame.Surface, t: int, assets) -> None:
    """Night over the clinic: a dithered sky, a faint floor grid, and drifting nano-bots with a glow."""
    w, h = surface.get_size()
    horizon = int(h * 0.72)
    surface.blit(assets.made(("sky", w, horizon), lambda: _sky(w, horizon)), (0, 0))
    surface.fill(colour("night"), pygame.Rect(0, horizon, w, h - horizon))
    for k in range(1, 9):  # receding floor lines
        y = horizon + int((k * k) * 1.3)
        if y < h:
            pygame.draw.line(surface, colour("teal_dark"), (0, y), (w, y))
    for k in range(-12, 13):
        x_far = w // 2 + k * 18
        x_near = w // 2 + k * 70
        pygame.draw.line(surface, colour("teal_dark"), (x_far, horizon), (x_near, h))
    pygame.draw.line(surface, colour("cyan"), (0, horizon), (w, horizon))
    pygame.draw.line(surface, colour("teal"), (0, horizon + 1), (w, horizon + 1))
    glow = assets.image("ui/glow.png")
    for i in range(70):
        # each bot follows its own smooth loop; purely a function of (i, t)
        phase = i * 2.399963
        speed = 0.004 + (i % 7) * 0.0012
        x = (w / 2 + math.cos(phase + t * speed) * (120 + (i * 37) % 220) + math.sin(t * 0.01 + i) * 8) % w
        y = (h * 0.42 + math.sin(phase * 1.7 + t * speed * 1.3) * (60 + (i * 23) % 90)) % h
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
