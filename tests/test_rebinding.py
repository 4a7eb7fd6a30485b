"""Rebinding: round trips through settings.json and the mapper, conflicts, swaps, refusals, prompts."""

from __future__ import annotations

import pygame
import pytest

from game.app.bindings import Rebind, assign, blocked_reason, conflicts, full_table, remove, reset_device
from game.app.input import InputMapper
from game.app.rebind import BindingCapture, key_binding_name
from game.app.settings import DEFAULT_BINDINGS, Settings, load_settings, save_settings
from game.core.actions import Action
from game.ui.prompts import action_label, input_name


@pytest.fixture(autouse=True)
def video():
    pygame.display.init()
    yield


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


class Ctx:
    def __init__(self, settings: Settings | None = None, device: str = "keyboard") -> None:
        self.settings = settings or Settings()
        self.last_device = device


def capture_for(settings: Settings):
    saves = []
    return BindingCapture(settings, lambda: saves.append(1)), saves


def test_a_new_key_round_trips_through_the_settings_file_and_the_mapper(tmp_path):
    settings = Settings()
    table = assign(full_table(settings["bindings"]), Rebind("keyboard", "RUN", "j", slot=0))
    settings.set("bindings", table)
    save_settings(settings, tmp_path / "settings.json")
    loaded = load_settings(tmp_path / "settings.json")
    assert loaded.warnings == []
    assert loaded.settings.bindings("keyboard")["RUN"] == ["j", "right shift"]
    mapper = InputMapper({d: loaded.settings.bindings(d) for d in ("keyboard", "mouse", "gamepad")})
    mapper.process_event(key(pygame.K_j))
    assert mapper.next_frame().was_pressed(Action.RUN)
    mapper.process_event(key(pygame.K_LSHIFT))
    assert not mapper.next_frame().was_pressed(Action.RUN)


def test_key_names_read_back_to_the_same_key():
    for k in (pygame.K_q, pygame.K_RETURN, pygame.K_LSHIFT, pygame.K_PAGEUP, pygame.K_KP_ENTER, pygame.K_F5,
              pygame.K_SEMICOLON, pygame.K_KP_1):
        assert pygame.key.key_code(key_binding_name(k)) == k


def test_a_key_used_by_another_action_is_a_conflict_but_back_and_pause_may_share_escape():
    table = full_table({})
    assert conflicts(table, "keyboard", "RUN", "q") == ["FOCUS"]
    assert conflicts(table, "keyboard", "PAUSE", "escape") == []
    assert conflicts(table, "keyboard", "RUN", "j") == []
    assert conflicts(table, "gamepad", "RUN", "a") == ["CONFIRM"]


def test_swap_gives_the_other_action_the_replaced_key():
    table = full_table({})
    after = assign(table, Rebind("keyboard", "FOCUS", "e", slot=0), swap=True)
    assert after["keyboard"]["FOCUS"] == ["e"]
    assert after["keyboard"]["SPREAD"] == ["q"]
    assert table["keyboard"]["FOCUS"] == ["q"]  # the argument is left alone


def test_adding_a_key_with_swap_takes_it_from_the_other_action():
    after = assign(full_table({}), Rebind("keyboard", "RUN", "q", slot=None), swap=True)
    assert after["keyboard"]["RUN"] == ["left shift", "right shift", "q"]
    assert after["keyboard"]["FOCUS"] == []


def test_without_swap_both_actions_keep_the_key():
    after = assign(full_table({}), Rebind("keyboard", "RUN", "q", slot=None), swap=False)
    assert "q" in after["keyboard"]["RUN"] and after["keyboard"]["FOCUS"] == ["q"]


def test_leaving_confirm_without_any_key_is_refused():
    table = full_table({})
    for _ in range(3):
        table = remove(table, "keyboard", "CONFIRM", 0)
    assert blocked_reason(full_table({}), table) is None  # one key is still left
    assert blocked_reason(table, remove(table, "keyboard", "CONFIRM", 0)) is not None


def test_reset_puts_one_device_back_and_leaves_the_others():
    table = assign(full_table({}), Rebind("keyboard", "HINT", "j", slot=0))
    table = assign(table, Rebind("gamepad", "HINT", "x", slot=0), swap=False)
    reset = reset_device(table, "keyboard")
    assert reset["keyboard"] == DEFAULT_BINDINGS["keyboard"]
    assert reset["gamepad"]["HINT"] == ["x"]


def test_capture_binds_a_free_key_at_once_and_saves():
    settings = Settings()
    capture, saves = capture_for(settings)
    capture.start("keyboard", "HINT", 0, now=0.0)
    assert capture.active
    assert capture.process_event(key(pygame.K_j))
    assert not capture.active and saves == [1]
    assert settings.bindings("keyboard")["HINT"] == ["j"]


def test_capture_asks_before_a_conflicting_key_and_swaps_on_yes():
    settings = Settings()
    capture, saves = capture_for(settings)
    capture.start("keyboard", "FOCUS", 0, now=0.0)
    capture.process_event(key(pygame.K_e))
    assert capture.pending is not None and capture.pending.others == ("SPREAD",)
    assert settings.bindings("keyboard")["FOCUS"] == ["q"] and saves == []
    capture.process_event(key(pygame.K_RETURN))
    assert not capture.active
    assert settings.bindings("keyboard")["FOCUS"] == ["e"]
    assert settings.bindings("keyboard")["SPREAD"] == ["q"]


def test_capture_cancelled_on_a_conflict_changes_nothing():
    settings = Settings()
    capture, saves = capture_for(settings)
    capture.start("keyboard", "FOCUS", 0, now=0.0)
    capture.process_event(key(pygame.K_e))
    capture.process_event(key(pygame.K_ESCAPE))
    assert not capture.active and saves == []
    assert settings.bindings("keyboard") == DEFAULT_BINDINGS["keyboard"]


def test_escape_cancels_except_when_binding_back_or_pause():
    settings = Settings()
    capture, _ = capture_for(settings)
    capture.start("keyboard", "HINT", 0, now=0.0)
    capture.process_event(key(pygame.K_ESCAPE))
    assert not capture.active and settings.bindings("keyboard")["HINT"] == ["h"]
    capture.start("keyboard", "PAUSE", 1, now=0.0)
    capture.process_event(key(pygame.K_ESCAPE))
    assert settings.bindings("keyboard")["PAUSE"] == ["escape"]  # "p" replaced by escape, already first


def test_capture_takes_gamepad_buttons_and_triggers_and_lets_releases_through():
    settings = Settings()
    capture, _ = capture_for(settings)
    capture.start("gamepad", "HINT", 0, now=0.0)
    small = pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=0, axis=pygame.CONTROLLER_AXIS_TRIGGERLEFT,
                               value=200)
    assert not capture.process_event(small)
    release = pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)
    assert not capture.process_event(release)
    capture.process_event(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0,
                                             button=pygame.CONTROLLER_BUTTON_LEFTSTICK))
    assert capture.pending is not None  # the left stick click is the dialogue history
    capture.process_event(key(pygame.K_RETURN))
    assert settings.bindings("gamepad")["HINT"] == ["leftstick"]
    assert settings.bindings("gamepad")["HISTORY"] == ["back"]


def test_capture_gives_up_after_a_silence():
    capture, _ = capture_for(Settings())
    capture.start("mouse", "PAUSE", None, now=100.0)
    capture.poll(now=101.0)
    assert capture.active
    capture.poll(now=200.0)
    assert not capture.active


def test_prompts_follow_the_bindings():
    settings = Settings()
    ctx = Ctx(settings)
    assert action_label(ctx, "FOCUS", "q") == "Q"
    assert action_label(ctx, "CONFIRM", "return") == "Enter"
    assert action_label(ctx, "RUN") == "Left Shift"
    settings.set("bindings", assign(full_table(settings["bindings"]), Rebind("keyboard", "FOCUS", "page up", 0),
                                    swap=False))
    assert action_label(ctx, "FOCUS", "q") == "Page Up"


def test_prompts_follow_the_last_device_used():
    settings = Settings()
    assert action_label(Ctx(settings, "gamepad"), "FOCUS", "q") == "LT"
    assert action_label(Ctx(settings, "gamepad"), "CONFIRM") == "A"
    assert action_label(Ctx(settings, "mouse"), "POINTER") == "Click"
    assert action_label(Ctx(settings, "mouse"), "HINT", "h") == "H"  # no mouse button: the keyboard's


def test_input_names_are_readable():
    assert input_name("gamepad", "lefttrigger") == "Left trigger"
    assert input_name("gamepad", "leftstick") == "Left stick click"
    assert input_name("keyboard", "left shift") == "Left Shift"
    assert input_name("keyboard", "page up") == "Page Up"
    assert input_name("keyboard", "x") == "X"
    assert input_name("mouse", "wheel up") == "Wheel up"


def test_the_mapper_remembers_the_device_used_last():
    mapper = InputMapper({d: Settings().bindings(d) for d in ("keyboard", "mouse", "gamepad")})
    assert mapper.last_device == "keyboard"
    mapper.process_event(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0,
                                            button=pygame.CONTROLLER_BUTTON_A))
    assert mapper.last_device == "gamepad"
    mapper.process_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(3, 4), button=1))
    assert mapper.last_device == "mouse"
    mapper.process_event(key(pygame.K_q))
    assert mapper.last_device == "keyboard"
