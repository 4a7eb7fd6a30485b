"""Where everything of the dive sits on the 640x360 screen, in logical pixels.

Shared by the drawing (``render.py``) and the pointer hit tests (``puzzle.py``), so a click always
lands on what is drawn there. Pure: plain integer rectangles, no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    def contains(self, point: tuple[int, int]) -> bool:
        px, py = point
        return self.x <= px < self.x + self.w and self.y <= py < self.y + self.h

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def tuple(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.w, self.h)


PANELS = ("code", "cases", "debug")  # what Tab / Page Up move between

HEADER = Box(0, 0, 640, 26)
CODE = Box(4, 28, 340, 268)
CODE_ROWS_Y = CODE.y + 17
ROW_H = 10
MAX_ROWS = 25
GUTTER_W = 32  # line number, breakpoint, pc arrow: a click here toggles a breakpoint
COL_LABEL = CODE.x + 36
COL_OP = CODE.x + 84
COL_ARGS = CODE.x + 116

SPEC = Box(350, 28, 286, 48)
CASES = Box(350, 78, 286, 92)
CASE_ROWS_Y = CASES.y + 16
CASE_ROW_H = 11
MACHINE = Box(350, 172, 286, 66)
TRACE = Box(350, 240, 286, 56)
TRACE_ROWS = 4

BUTTONS_Y = 300
BUTTON_H = 14
MESSAGES = Box(4, 318, 632, 40)
MESSAGE_ROWS = 3

# the toolbar, left to right: key -> (width, the action whose key is shown, label); the drawing puts the
# key bound to the action (it follows rebinding and the device used last) before the label
BUTTONS: dict[str, tuple[int, str, str]] = {
    "run": (96, "FOCUS", "Run cases"),
    "step": (66, "SPREAD", "Step"),
    "continue": (100, "CONFIRM", "To break"),
    "break": (96, "RECALL", "Breakpoint"),
    "hint": (62, "HINT", "Hint"),
    "reference": (92, "HISTORY", "Reference"),
    "panel": (80, "NEXT", "Panel"),
}


def code_row(i: int) -> Box:
    return Box(CODE.x + 2, CODE_ROWS_Y + i * ROW_H, CODE.w - 4, ROW_H)


def case_row(i: int) -> Box:
    return Box(CASES.x + 2, CASE_ROWS_Y + i * CASE_ROW_H, CASES.w - 4, CASE_ROW_H)


def buttons() -> dict[str, Box]:
    """Toolbar buttons laid out left to right."""
    out, x = {}, 4
    for key, (w, _, _) in BUTTONS.items():
        out[key] = Box(x, BUTTONS_Y, w, BUTTON_H)
        x += w + 4
    return out


# the patch editor popup ------------------------------------------------------------------------
EDITOR_W, EDITOR_H = 286, 52
FIELD_W = (56, 76, 76)  # opcode, first operand, second operand
FIELD_H = 16


def editor_box(line: int) -> Box:
    """Beside the code, level with the edited line: every line of the program stays in view."""
    row = code_row(line)
    y = row.y + row.h // 2 - EDITOR_H // 2
    y = max(CODE.y, min(CODE.bottom - EDITOR_H, y))
    return Box(SPEC.x, y, EDITOR_W, EDITOR_H)


def editor_field(box: Box, index: int) -> Box:
    x = box.x + 60
    for i in range(index):
        x += FIELD_W[i] + 6
    return Box(x, box.y + 16, FIELD_W[index], FIELD_H)


def editor_arrows(field: Box) -> tuple[Box, Box]:
    """The clickable '<' and '>' ends of a field."""
    return Box(field.x, field.y, 12, field.h), Box(field.right - 12, field.y, 12, field.h)


def editor_buttons(box: Box) -> tuple[Box, Box]:
    """[patch] and [cancel]."""
    y = box.bottom - 16
    return Box(box.right - 124, y, 60, 13), Box(box.right - 60, y, 54, 13)


#: where the first layer's lesson sits: over the trace panel (growing upwards as its text needs) while
#: nothing is being debugged, over the examples (growing downwards) while the trace is what matters
LESSON = Box(350, 172, 286, 124)
LESSON_HIGH = Box(350, 78, 286, 92)
LESSON_HIGH_STAGES = ("step", "select")

# the instruction reference ---------------------------------------------------------------------
REFERENCE = Box(40, 30, 560, 286)
REFERENCE_ROW_H = 12


def reference_row(i: int) -> Box:
    """Entry ``i`` in the reference's opcode list (left column)."""
    return Box(REFERENCE.x + 8, REFERENCE.y + 22 + i * REFERENCE_ROW_H, 64, REFERENCE_ROW_H)


# banners (layer intro, layer restored, results) ------------------------------------------------
BANNER = Box(140, 96, 360, 150)


def result_row(i: int) -> Box:
    return Box(BANNER.x + 110, BANNER.y + 100 + i * 16, 140, 14)
