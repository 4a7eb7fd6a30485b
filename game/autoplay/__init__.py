"""The autoplayer: a bot that plays the story to the credits through action frames, as a player would.

``planner`` (paths over collision tiles, doors between maps), ``routes`` (how choices are answered),
``pilots`` (winning and careless minigame pilots) and ``player`` (the input source deciding each frame)
never import pygame; ``cli`` wires them to the game for ``neosmiles autoplay``.
"""
