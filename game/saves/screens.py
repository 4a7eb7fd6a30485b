"""The Save and Load screens: one row per slot with a picture of the moment, the chapter, the place, the
play time and the date; a damaged save shows why, and its backup is offered when that is sound.

Save is opened from the pause menu (the manual slots 1-3); Load from the title screen and the pause menu
(the autosave too). Choosing asks first when something would be lost: overwriting a save, or leaving a run
with unsaved progress. These screens are menus: the in-game timer stops while they are open, and they are
not part of the state a save keeps.
"""

from __future__ import annotations

import pygame

from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.saves import slots
from game.saves.cli import play_time, saved_on
from game.saves.thumbnail import load_thumbnail
from game.scenes.common import dim, draw_notice, play
from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import Menu, MenuItem, draw_panel

ROW_H = 70
ROW_W = 560
TOP = 50
THUMB = (96, 54)
REASONS = {"chapter": "chapter start", "map": "new place", "minigame": "start of an encounter",
           "closed": "game closed", "manual": "saved by you"}


def slot_label(slot: str) -> str:
    return "Autosave" if slot == slots.AUTO else f"Slot {slot}"


class SlotsScene(Scene):
    transparent = True
    counts_game_time = False
    title = ""
    slots: tuple[str, ...] = ()

    def __init__(self, ctx, *, over_game: bool = False) -> None:
        self.ctx = ctx
        self.t = 0
        self.over_game = over_game
        self.font = ctx.assets.font()
        self.infos: dict[str, slots.SlotInfo] = {}
        self.pictures: dict[str, pygame.Surface | None] = {}
        self.menu = Menu([MenuItem(s, slot_label(s)) for s in self.slots], self.font, center_x=320, top=TOP,
                         width=ROW_W, row_height=ROW_H)
        self.refresh()

    def refresh(self) -> None:
        """Read the slots again (after a save) and their pictures."""
        saves_dir = self.ctx.paths.saves_dir
        for slot in self.slots:
            info = slots.read_slot(saves_dir, slot)
            self.infos[slot] = info
            shown = info.main if info.main.ok else info.backup if info.backup is not None and info.backup.ok else None
            picture = None
            if shown is not None:
                path = slots.thumbnail_path(saves_dir, slot, backup=shown is info.backup)
                picture = load_thumbnail(path)
                if picture is not None:
                    picture = pygame.transform.smoothscale(picture, THUMB)
            self.pictures[slot] = picture

    # input ----------------------------------------------------------------------------------------
    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.pressed & (Action.CANCEL | Action.PAUSE | Action.POINTER_ALT):
            play(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
            return
        event = self.menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            play(self.ctx, "ui_move")
        elif kind == "choose":
            self.choose(key)

    def choose(self, slot: str) -> None:
        raise NotImplementedError

    def ask(self, question: str, on_yes, yes: str) -> None:
        from game.scenes.confirm import ConfirmScene

        self.ctx.scenes.push(ConfirmScene(self.ctx, question, on_yes, yes=yes, no="Cancel"))

    def state_bytes(self) -> bytes:
        return f"{self.title}:{self.t}:{self.menu.index}".encode()

    # drawing --------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.font
        if self.over_game:
            dim(surface, 236)
        else:
            surface.fill(colour("ink"))
        font.draw(surface, self.title, (320, 14), colour("white"), scale=2, outline=colour("ink"), align="center")
        for i, slot in enumerate(self.slots):
            self._draw_row(surface, self.menu.row_rect(i).inflate(0, -6), slot, i == self.menu.index)
        ok = action_label(self.ctx, "CONFIRM", "return")
        back = action_label(self.ctx, "CANCEL", "escape")
        font.draw(surface, f"{ok} {self.verb.lower()}   {back} back", (320, 360 - font.line_height - 6),
                  colour("mist"), shadow=colour("ink"), align="center")
        draw_notice(surface, self.ctx, font)

    verb = ""

    def _draw_row(self, surface: pygame.Surface, rect: pygame.Rect, slot: str, selected: bool) -> None:
        font = self.font
        info = self.infos[slot]
        state = info.state
        accent = "cyan" if selected else "slate"
        if state == "damaged":
            accent = "red" if selected else "rose"
        draw_panel(surface, rect, accent=accent, alpha=245)
        thumb = pygame.Rect(rect.x + 8, rect.y + (rect.height - THUMB[1]) // 2, *THUMB)
        picture = self.pictures.get(slot)
        if picture is not None:
            surface.blit(picture, thumb)
        else:
            surface.fill(colour("night"), thumb)
            font.draw(surface, "-", thumb.center, colour("steel"), align="center")
        pygame.draw.rect(surface, colour("cyan_light" if selected else "steel"), thumb.inflate(2, 2), 1)
        x, y = thumb.right + 12, rect.y + 7
        lh = font.line_height + 3
        font.draw(surface, slot_label(slot), (x, y), colour("white" if selected else "paper"), shadow=colour("ink"))
        shown = info.main if info.main.ok else None
        if shown is not None:
            meta = shown.meta
            font.draw(surface, saved_on(meta), (rect.right - 10, y), colour("fog"), align="right")
            level = f"  \u00b7  {str(meta['difficulty']).capitalize()}" if meta.get("difficulty") else ""
            font.draw(surface, f"Chapter {meta['chapter']}  \u00b7  {meta['place']}{level}", (x, y + lh),
                      colour("cyan_light"), shadow=colour("ink"))
            talk = "  \u00b7  in a conversation" if meta.get("talking") else ""
            font.draw(surface, f"Play time {play_time(meta['play_ticks'])}  \u00b7  "
                               f"{REASONS.get(meta['reason'], meta['reason'])}{talk}", (x, y + 2 * lh), colour("mist"))
            return
        backup = info.backup if info.backup is not None and info.backup.ok else None
        if state == "damaged":
            lines = font.wrap(f"Damaged: {info.main.reason}.", rect.right - x - 10)
            for k, line in enumerate(lines[:2]):
                font.draw(surface, line, (x, y + (k + 1) * lh), colour("rose"))
        else:
            font.draw(surface, "Empty", (x, y + lh), colour("steel"))
        if backup is not None and self.offers_backup:
            font.draw(surface, f"Its backup is sound: chapter {backup.meta['chapter']}, {backup.meta['place']}, "
                               f"saved {saved_on(backup.meta)}", (x, y + 3 * lh - 1), colour("amber"))

    offers_backup = False


class SaveScene(SlotsScene):
    title = "SAVE"
    verb = "Save"
    slots = slots.MANUAL

    def choose(self, slot: str) -> None:
        info = self.infos[slot]
        if info.state == "ok":
            self.ask(f"Save over {slot_label(slot)} (chapter {info.main.meta['chapter']}, "
                     f"{info.main.meta['place']})? It is kept as the slot's backup.", lambda: self.save(slot),
                     yes="Save over it")
        elif info.state == "damaged":
            self.ask(f"{slot_label(slot)} is damaged. Save here? The damaged file is set aside, not deleted.",
                     lambda: self.save(slot), yes="Save here")
        else:
            self.save(slot)

    def save(self, slot: str) -> None:
        service = self.ctx.saves
        if service is not None and service.save(slot, "manual"):
            play(self.ctx, "ui_confirm")
            self.ctx.notify(f"Saved in {slot_label(slot).lower()}.", 180)
            self.ctx.scenes.pop()
        else:
            play(self.ctx, "ui_cancel")
            reason = service.last_error if service is not None else None
            self.ctx.notify(reason or "The game cannot be saved here.", 240)
            self.refresh()


class LoadScene(SlotsScene):
    title = "LOAD"
    verb = "Load"
    slots = slots.SLOTS
    offers_backup = True

    def choose(self, slot: str) -> None:
        from game.saves.service import trial_restore

        info = self.infos[slot]
        usable = info.usable
        if usable is None:
            play(self.ctx, "ui_cancel")
            self.ctx.notify("This slot has no save to load." if info.state == "empty"
                            else "This save is damaged and has no sound backup.", 200)
            return
        problem = trial_restore(self.ctx, usable.body)
        if problem is not None:
            play(self.ctx, "ui_cancel")
            self.ctx.notify(f"This save cannot be loaded: {problem}", 300)
            return
        service = self.ctx.saves
        if self.over_game and service is not None and service.unsaved_progress():
            self.ask("Load this save? What you played since your last save will be lost.",
                     lambda: self.load(usable.body), yes="Load")
        else:
            self.load(usable.body)

    def load(self, body: dict) -> None:
        from game.saves.service import begin_from_save

        play(self.ctx, "ui_confirm")
        begin_from_save(self.ctx, body)
