"""Shared fixtures: the CLI binary the package is checked against, and the data files both read."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CDNOW = REPO / "tests" / "fixtures" / "cdnow" / "CDNOW_master.txt"


def cli_path() -> Path:
    """$TIERLAB_BIN, else the debug (or release) build in the target directory scripts/test.sh uses."""
    if os.environ.get("TIERLAB_BIN"):
        return Path(os.environ["TIERLAB_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("debug", "release"):
        if (target / profile / "tierlab").exists():
            return target / profile / "tierlab"
    pytest.fail(f"no tierlab binary in {target}: run `cargo build --bin tierlab` or set TIERLAB_BIN")


class Cli:
    def __init__(self, path: Path):
        self.path = path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([str(self.path), *map(str, args)], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise AssertionError(f"tierlab {' '.join(map(str, args))} failed: {done.stderr}")
        return done

    def json(self, *args: str) -> dict:
        return json.loads(self.run(*args, "--json").stdout)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(cli_path())


@pytest.fixture(scope="session")
def cdnow() -> Path:
    return CDNOW


@pytest.fixture(scope="session")
def sample_file(cli: Cli, tmp_path_factory) -> Path:
    """`tierlab sample` (3,000 customers, seed 7): an event log with every column the page knows."""
    path = tmp_path_factory.mktemp("sample") / "sample.csv"
    cli.run("sample", "--customers", "3000", "--seed", "7", "--out", path)
    return path


@pytest.fixture(scope="session")
def scenario_files(cli: Cli, tmp_path_factory) -> tuple[Path, Path]:
    """The CLI's own templates A and B, written by `tierlab scenario-template`."""
    folder = tmp_path_factory.mktemp("scenarios")
    a, b = folder / "a.json", folder / "b.json"
    a.write_text(cli.run("scenario-template").stdout)
    b.write_text(cli.run("scenario-template", "--b").stdout)
    return a, b
