"""``reportgen init``: start a site project from the files in the theme's ``scaffold/`` folder.

Existing files are never overwritten: a second ``init`` only adds what is missing (and adds
``site/`` to an existing ``.gitignore``), so it is safe to run in a folder that already has work.
"""

from __future__ import annotations

from pathlib import Path

from reportgen import __version__
from reportgen.theme import theme_dir

# (file in templates/scaffold, where it goes in the new project)
FILES = (
    ("reportgen.toml", "reportgen.toml"),
    ("example.md", "content/example.md"),
    ("pages.yml", ".github/workflows/pages.yml"),
    ("gitignore", ".gitignore"),
)
IGNORED_OUTPUT = "site/"


def scaffold(directory: Path) -> list[str]:
    """Create the project files under directory; one line per file saying what happened."""
    source = theme_dir() / "scaffold"
    report = []
    for name, target in FILES:
        path = directory / target
        text = (source / name).read_text(encoding="utf-8").replace("__REPORTGEN_VERSION__", __version__)
        if target == ".gitignore" and path.is_file():
            report.append(_ignore_output(path))
        elif path.exists():
            report.append(f"kept     {target} (already exists)")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            report.append(f"created  {target}")
    where = "" if directory == Path(".") else f"cd {directory} && "
    report.append(f"next: {where}reportgen build   (or reportgen serve to preview)")
    return report


def _ignore_output(path: Path) -> str:
    """Add ``site/`` to an existing .gitignore unless it is already ignored."""
    text = path.read_text(encoding="utf-8")
    if any(line.strip() in ("site", "site/", "/site", "/site/") for line in text.splitlines()):
        return "kept     .gitignore (already ignores site/)"
    separator = "" if not text or text.endswith("\n") else "\n"
    path.write_text(f"{text}{separator}{IGNORED_OUTPUT}\n", encoding="utf-8")
    return "updated  .gitignore (added site/)"
