"""Conversations: the YAML format, the pure runner, the validator, and the dialogue box scene.

``model``, ``loader``, ``commands``, ``layout``, ``runner`` and ``validate`` are pure Python (no pygame);
``scene``, ``history`` and ``portraits`` draw. Writers' guide: ``dialogue/README.md``.
"""
