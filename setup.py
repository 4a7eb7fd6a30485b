"""The one packaging detail pyproject.toml cannot say: the content folders travel inside the wheel.

Everything else (metadata, dependencies, the ``neosmiles`` command) is in pyproject.toml. The
repository keeps ``assets/``, ``levels/`` and ``dialogue/`` at its top, where map editors and writers
open them; a wheel (``pip install .``, ``pipx install .``, ``python -m build``) installs each as a
subfolder of the ``game.content`` package, where ``game.paths`` finds it through importlib.resources.
An editable install maps the same names onto the checkout's folders, and the game reads those directly.
"""

from setuptools import find_packages, setup

# the same folders as game.paths.CONTENT_FOLDERS (not imported: building must not import the game)
CONTENT_FOLDERS = ("assets", "levels", "dialogue")
CONTENT = {f"game.content.{folder}": folder for folder in CONTENT_FOLDERS}

setup(
    # The flat layout has content folders beside the package: name the game's packages explicitly,
    # then map each content folder onto a package of its own under game.content.
    packages=[*find_packages(include=["game", "game.*"]), *CONTENT],
    package_dir=CONTENT,
    include_package_data=False,  # the globs below say exactly what ships (no MANIFEST, no VCS scan)
    # every file of every content folder, at any depth (the README files and the Tiled project too:
    # the replay content hash covers all of levels/ and dialogue/, so the installed copy must match)
    package_data={package: ["**/*"] for package in CONTENT},
)
