"""A small picture of the moment a save was made, drawn from the game's scenes (never the menus over them).

Drawing reads state and never changes it, so a save's thumbnail cannot change the run.
"""

from __future__ import annotations

import io

import pygame

SIZE = (160, 90)


def render_thumbnail(ctx) -> bytes | None:
    """PNG bytes of the map (and the conversation over it) as they are now, or None without a window."""
    from game.saves.snapshot import game_scenes

    if ctx.assets is None:
        return None
    explore, dialogue, minigame = game_scenes(ctx)
    canvas = pygame.Surface((640, 360))
    for scene in (explore, dialogue, minigame):
        if scene is not None:
            scene.draw(canvas, 0.0)
    small = pygame.transform.smoothscale(canvas, SIZE)
    out = io.BytesIO()
    pygame.image.save(small, out, "thumbnail.png")
    return out.getvalue()


def load_thumbnail(path, limit: int = 512 * 1024) -> pygame.Surface | None:
    """A saved thumbnail, or None if it is missing, too large or not a picture (it is only decoration)."""
    from game.core.files import ReadError, read_bytes

    try:
        data = read_bytes(path, limit)  # the one guarded reader: a regular file, size capped first
        picture = pygame.image.load(io.BytesIO(data), "thumbnail.png")
    except (ReadError, OSError, pygame.error, ValueError):
        return None
    if picture.get_size() != SIZE:
        return None
    return picture
