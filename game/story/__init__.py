"""The story's state (flags, counters, visited dialogue nodes) and the condition language over it.

Pure Python: dialogue, map triggers and chapter logic all read and change the same ``StoryState``.
"""
