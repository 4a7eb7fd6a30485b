from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene, SceneStack


class Probe(Scene):
    def __init__(self, name, log, **flags):
        self.name, self.log = name, log
        self.frames: list[ActionFrame] = []
        for key, value in flags.items():
            setattr(self, key, value)

    def enter(self):
        self.log.append((self.name, "enter"))

    def exit(self):
        self.log.append((self.name, "exit"))

    def pause(self):
        self.log.append((self.name, "pause"))

    def resume(self):
        self.log.append((self.name, "resume"))

    def update(self, frame):
        self.frames.append(frame)

    def draw(self, surface, alpha):
        surface.append(self.name)


def test_lifecycle_hooks_fire_once_each_in_order():
    log = []
    stack = SceneStack()
    a, b, c = Probe("a", log), Probe("b", log), Probe("c", log)
    stack.push(a)
    stack.push(b)
    stack.replace(c)
    stack.pop()
    stack.pop()
    assert log == [("a", "enter"), ("a", "pause"), ("b", "enter"), ("b", "exit"), ("c", "enter"),
                   ("c", "exit"), ("a", "resume"), ("a", "exit")]
    assert stack.empty


def test_changes_requested_during_a_tick_apply_after_it():
    log = []
    stack = SceneStack()

    class Pusher(Probe):
        def update(self, frame):
            super().update(frame)
            stack.push(Probe("pushed", log))
            # still the top while its own update runs
            assert stack.top is self

    pusher = Pusher("pusher", log)
    stack.push(pusher)
    stack.update(ActionFrame())
    assert stack.top.name == "pushed"
    assert log[-2:] == [("pusher", "pause"), ("pushed", "enter")]
    assert len(pusher.frames) == 1


def test_only_the_top_scene_gets_input():
    log = []
    stack = SceneStack()
    below, top = Probe("below", log), Probe("top", log)
    stack.push(below)
    stack.push(top)
    frame = ActionFrame(held=Action.CONFIRM, pressed=Action.CONFIRM, pointer=(5, 6))
    stack.update(frame)
    assert top.frames == [frame]
    assert below.frames == []


def test_a_covered_scene_that_asks_is_updated_with_an_idle_frame():
    log = []
    stack = SceneStack()
    below, top = Probe("below", log, update_when_covered=True), Probe("top", log)
    stack.push(below)
    stack.push(top)
    stack.update(ActionFrame(held=Action.CONFIRM, pressed=Action.CONFIRM, pointer=(5, 6)))
    assert below.frames == [ActionFrame(0, 0, (5, 6))]


def test_transparent_scenes_draw_over_the_scene_below():
    log = []
    stack = SceneStack()
    stack.push(Probe("ground", log))
    stack.push(Probe("map", log))
    stack.push(Probe("dialogue", log, transparent=True))
    stack.push(Probe("pause", log, transparent=True))
    drawn: list[str] = []
    stack.draw(drawn, 0.0)
    assert drawn == ["map", "dialogue", "pause"]


def test_an_opaque_top_hides_everything_below():
    log = []
    stack = SceneStack()
    stack.push(Probe("map", log))
    stack.push(Probe("minigame", log))
    drawn: list[str] = []
    stack.draw(drawn, 0.0)
    assert drawn == ["minigame"]


def test_clear_exits_every_scene_then_enters_the_new_one():
    log = []
    stack = SceneStack()
    stack.push(Probe("a", log))
    stack.push(Probe("b", log))
    log.clear()
    stack.clear(Probe("c", log))
    assert log == [("b", "exit"), ("a", "exit"), ("c", "enter")]
    assert len(stack) == 1
