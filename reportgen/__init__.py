"""reportgen: explainable sourcing scorecards for news articles."""

from pathlib import Path

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent  # importlib.resources would cost 45 ms of imports per process


def data_file(*parts: str) -> str:
    """The text of a file shipped in the package's ``data`` folder."""
    return PACKAGE_DIR.joinpath("data", *parts).read_text(encoding="utf-8")
