"""The explorable world: Tiled maps, walking, doors, triggers and the exploration scene.

``tmx`` and ``model`` read Tiled files into plain data; ``physics`` moves bodies through it;
``triggers`` decides which areas fire; ``check`` validates maps for ``neosmiles check``. None of these
import pygame. ``render`` draws a map and ``scene`` wires it all to input and the scene stack.
"""
