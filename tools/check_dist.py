"""Prove that what players install works away from the source checkout (run by ``.ci/run``).

    .venv/bin/python tools/check_dist.py [--wheel] [--desktop] [--keep DIR]

With no option both are checked:

- **wheel**: ``python -m build`` makes the sdist and, from it, the wheel; the wheel is installed into a
  fresh venv, and its ``neosmiles`` runs from an empty temporary folder.
- **desktop**: ``tools/build_desktop.py`` makes the one-folder application, and its executable runs
  from the same empty folder, with no virtual environment or ``PYTHON*`` variable around it.

Each runs ``play --headless --ticks 120`` and ``play --start new-game --headless --ticks 900`` (the
story's opening: chapters, maps, dialogue; each digest must equal the checkout's), ``check`` (must
pass) and ``verify`` on swarm and SPECTRA replays recorded with the checkout (proves the installed
content is byte for byte the checkout's: a replay made with other content is refused). The wheel's
install must also read its content from its own site-packages, not from this checkout. Player
files go to a temporary folder. Prints the sizes and how long each part took; exits non-zero on
the first failure.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_desktop import build as build_desktop  # noqa: E402
from build_desktop import executable, folder_size  # noqa: E402

SEED = "7"
#: headless runs whose digests must match the checkout's: the issue's smoke run, and the story's opening
PLAYS = (("play", "--headless", "--ticks", "120"), ("play", "--start", "new-game", "--headless", "--ticks", "900"))
REPLAYS = {
    "swarm": ["practice", "swarm", "--level", "tutorial", "--autopilot", "--ticks", "600"],
    "spectra": ["practice", "spectra", "--encounter", "first-layer", "--autopilot", "--ticks", "900"],
}


class Failed(Exception):
    pass


def clean_env(work: Path, bin_dir: Path | None) -> dict[str, str]:
    """The environment of a player's machine: headless SDL, temporary user folders, no hints at the checkout."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("NEOSMILES_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               NEOSMILES_CONFIG_DIR=str(work / "user" / "config"), NEOSMILES_DATA_DIR=str(work / "user" / "data"))
    system_path = [p for p in env.get("PATH", "").split(os.pathsep) if p and Path(p).resolve() != Path(sys.prefix)
                   / ("Scripts" if os.name == "nt" else "bin")]
    env["PATH"] = os.pathsep.join(([str(bin_dir)] if bin_dir else []) + system_path)
    return env


def run(command: list[str], *, cwd: Path, env: dict[str, str], label: str) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise Failed(f"{label}: `{' '.join(command)}` exited {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


def digest_of(output: str, label: str) -> str:
    found = re.search(r"^digest ([0-9a-f]+)$", output, re.M)
    if not found:
        raise Failed(f"{label}: no digest in the output:\n{output}")
    return found.group(1)


def reference(work: Path) -> tuple[list[str], list[Path]]:
    """The checkout's digests for the headless runs, and replays recorded with the checkout's content."""
    env = clean_env(work, None)
    main = [sys.executable, str(ROOT / "main.py")]
    digests = [digest_of(run([*main, *args, "--seed", SEED], cwd=ROOT, env=env, label="checkout"), "checkout")
               for args in PLAYS]
    replays = []
    for name, args in REPLAYS.items():
        target = work / f"{name}.nsreplay"
        run([*main, *args, "--headless", "--seed", SEED, "--record", str(target)], cwd=ROOT, env=env, label="checkout")
        replays.append(target)
    return digests, replays


def exercise(program: list[str], label: str, work: Path, env: dict[str, str], digests: list[str],
             replays: list[Path]) -> None:
    """What a player (and CI) does with an installed game, from a folder that is not the checkout."""
    elsewhere = work / "elsewhere"
    for args, digest in zip(PLAYS, digests, strict=True):
        got = digest_of(run([*program, *args, "--seed", SEED], cwd=elsewhere, env=env, label=label), label)
        if got != digest:
            raise Failed(f"{label}: `{' '.join(args)}` gave digest {got}, the checkout {digest}")
        print(f"  {label}: {' '.join(args)}: digest {digest} (same as the checkout)")
    output = run([*program, "check"], cwd=elsewhere, env=env, label=label)
    print(f"  {label}: check: {output.strip().splitlines()[-1]}")
    output = run([*program, "verify", *map(str, replays)], cwd=elsewhere, env=env, label=label)
    if output.count("OK ") != len(replays):
        raise Failed(f"{label}: verify did not pass every replay:\n{output}")
    print(f"  {label}: verify: {len(replays)} replays recorded with the checkout verify (same content)")


def check_wheel(work: Path, digests: list[str], replays: list[Path]) -> None:
    started = time.monotonic()
    dist = work / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], cwd=ROOT, env={**os.environ},
        label="build")
    wheel = next(dist.glob("neosmiles-*.whl"))
    built = time.monotonic()
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=work, env={**os.environ}, label="venv")
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=work, env={**os.environ}, label="install")
    installed = time.monotonic()
    env = clean_env(work, bin_dir)
    root = run([str(python), "-c", "from game.paths import Paths; print(Paths.from_env().root)"],
               cwd=work / "elsewhere", env=env, label="wheel").strip()
    if not Path(root).is_relative_to(venv.resolve()):
        raise Failed(f"wheel: the installed game reads its content from {root}, not from its own install")
    print(f"  wheel: content found at {root}")
    exercise([str(bin_dir / "neosmiles")], "wheel", work, env, digests, replays)
    print(f"wheel: {wheel.name} {wheel.stat().st_size / 1e6:.1f} MB; build {built - started:.0f} s, "
          f"fresh venv + install {installed - built:.0f} s, runs {time.monotonic() - installed:.0f} s")


def check_desktop(work: Path, digests: list[str], replays: list[Path]) -> None:
    started = time.monotonic()
    folder = build_desktop(work / "desktop", work / "desktop-work")
    built = time.monotonic()
    exercise([str(executable(folder))], "desktop", work, clean_env(work, None), digests, replays)
    print(f"desktop: {folder.name}/ {folder_size(folder) / 1e6:.1f} MB; build {built - started:.0f} s, "
          f"runs {time.monotonic() - built:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", action="store_true", help="check the wheel only (with --desktop: both)")
    parser.add_argument("--desktop", action="store_true", help="check the desktop build only")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    both = not (args.wheel or args.desktop)
    with tempfile.TemporaryDirectory(prefix="neosmiles-dist-") as scratch:
        work = args.keep.resolve() if args.keep else Path(scratch)
        (work / "elsewhere").mkdir(parents=True, exist_ok=True)  # the empty folder the installed game runs in
        try:
            digests, replays = reference(work)
            if both or args.wheel:
                check_wheel(work, digests, replays)
            if both or args.desktop:
                check_desktop(work, digests, replays)
        except Failed as exc:
            print(f"check_dist: FAILED {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
