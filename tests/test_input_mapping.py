import pygame
import pytest

from game.app.input import AXIS_PRESS, AXIS_RELEASE, InputMapper
from game.app.settings import DEFAULT_BINDINGS
from game.core.actions import Action, ActionFrame


@pytest.fixture
def mapper():
    pygame.display.init()
    return InputMapper(DEFAULT_BINDINGS, to_logical=lambda p: (p[0] // 2, p[1] // 2))


def key(kind, code):
    return pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0)


def test_a_held_key_is_pressed_once_then_only_held(mapper):
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_RIGHT))
    first = mapper.next_frame()
    second = mapper.next_frame()
    assert first.was_pressed(Action.RIGHT) and first.is_held(Action.RIGHT)
    assert not second.was_pressed(Action.RIGHT) and second.is_held(Action.RIGHT)
    mapper.process_event(key(pygame.KEYUP, pygame.K_RIGHT))
    assert not mapper.next_frame().is_held(Action.RIGHT)


def test_a_tap_between_two_ticks_is_not_lost(mapper):
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_RETURN))
    mapper.process_event(key(pygame.KEYUP, pygame.K_RETURN))
    frame = mapper.next_frame()
    assert frame.was_pressed(Action.CONFIRM) and frame.is_held(Action.CONFIRM)
    assert mapper.next_frame() == ActionFrame(0, 0, (0, 0))


def test_two_keys_for_one_action_press_it_once(mapper):
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_UP))
    mapper.next_frame()
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_w))
    frame = mapper.next_frame()
    assert frame.is_held(Action.UP) and not frame.was_pressed(Action.UP)
    mapper.process_event(key(pygame.KEYUP, pygame.K_UP))
    assert mapper.next_frame().is_held(Action.UP)  # W still holds it


def test_one_key_can_mean_two_actions(mapper):
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_ESCAPE))
    frame = mapper.next_frame()
    assert frame.was_pressed(Action.CANCEL) and frame.was_pressed(Action.PAUSE)


def test_mouse_position_is_in_logical_pixels(mapper):
    mapper.process_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(101, 51), rel=(0, 0), buttons=(0, 0, 0)))
    mapper.process_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(101, 51), button=1))
    frame = mapper.next_frame()
    assert frame.pointer == (50, 25)
    assert frame.was_pressed(Action.POINTER)


def test_mouse_wheel_is_a_press(mapper):
    mapper.process_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    frame = mapper.next_frame()
    assert frame.was_pressed(Action.WHEEL_UP)
    assert not mapper.next_frame().is_held(Action.WHEEL_UP)


def test_gamepad_buttons_and_stick_map_to_actions(mapper):
    mapper.process_event(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=3,
                                            button=pygame.CONTROLLER_BUTTON_A))
    mapper.process_event(pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=3,
                                            axis=pygame.CONTROLLER_AXIS_LEFTX, value=AXIS_PRESS + 1))
    frame = mapper.next_frame()
    assert frame.was_pressed(Action.CONFIRM)
    assert frame.direction() == (1, 0)
    # hysteresis: still held between the release and press thresholds
    mapper.process_event(pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=3,
                                            axis=pygame.CONTROLLER_AXIS_LEFTX, value=AXIS_RELEASE + 100))
    assert mapper.next_frame().direction() == (1, 0)
    mapper.process_event(pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=3,
                                            axis=pygame.CONTROLLER_AXIS_LEFTX, value=0))
    assert mapper.next_frame().direction() == (0, 0)


def test_unplugging_a_gamepad_releases_its_buttons(mapper):
    mapper.process_event(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=7,
                                            button=pygame.CONTROLLER_BUTTON_DPAD_UP))
    assert mapper.next_frame().is_held(Action.UP)
    mapper.process_event(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=7))
    assert not mapper.next_frame().is_held(Action.UP)


def test_losing_focus_releases_everything(mapper):
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_LEFT))
    mapper.next_frame()
    mapper.process_event(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert mapper.next_frame().held == 0


def test_bindings_come_from_the_settings():
    pygame.display.init()
    custom = {"keyboard": {"CONFIRM": ["k"]}}
    mapper = InputMapper(custom)
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_k))
    assert mapper.next_frame().was_pressed(Action.CONFIRM)
    mapper.process_event(key(pygame.KEYDOWN, pygame.K_RETURN))
    assert not mapper.next_frame().was_pressed(Action.CONFIRM)


def test_action_frames_are_immutable():
    frame = ActionFrame(1, 1, (2, 3))
    with pytest.raises(AttributeError):
        frame.held = 0  # type: ignore[misc]
