"""Shared by the hostile-input tests: XSS payloads, and running and inspecting builds.

Every payload, if it ever ran, would set ``window.__pwned`` or open a dialog; ``MARKER_PRODUCT``
would appear if template syntax were ever evaluated. The names in them are invented.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from reportgen.cli import main

TEMPLATE = "{{ 123456789 * 9 }} {% if true %}TEMPLATE-RAN{% endif %} {{ self.__init__.__globals__ }} ${123456789*9} #{x}"
MARKER_PRODUCT = "1111111101"  # 123456789 * 9: in a page only if a template ran

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '"><script>window.__pwned=1</script>',
    "'><img src=x onerror=window.__pwned=1>",
    '<img src="https://attacker.invalid/p.png" onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    "<svg><script>window.__pwned=1</script></svg>",
    '<svg><a xlink:href="javascript:window.__pwned=1"><text x="0" y="20">x</text></a></svg>',
    '<a href="javascript:window.__pwned=1">click</a>',
    '<iframe src="data:text/html,<script>parent.__pwned=1</script>"></iframe>',
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "&#60;img src=x onerror=window.__pwned=1&#62; &#x3C;svg onload=alert(1)&#x3E;",
    "</textarea></title></style></script><script>window.__pwned=1</script>",
    "<!--<script>window.__pwned=1</script>--><![CDATA[<script>alert(1)</script>]]>",
    '" onmouseover="window.__pwned=1" autofocus onfocus="window.__pwned=1" x="',
    "' onfocus='window.__pwned=1' autofocus tabindex=1 x='",
    "javascript:window.__pwned=1",
    "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
    '<base href="https://attacker.invalid/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    "\u202e<script>alert(1)</script>\u202c",
    "`${alert(1)}` <style>body{background:url(javascript:alert(1))}</style>",
    TEMPLATE,
)
# Names a file may have on any POSIX disk (no '/', no NUL, under 255 bytes).
FILE_NAMES = (
    "<svg onload=window.__pwned=1>",
    '"><img src=x onerror=alert(1)>',
    "{{ 123456789 * 9 }}",
    "javascript:alert(1)",
    "&lt;b&gt;&amp;",
)
# Tags, attributes and URL schemes no payload may ever create.
FORBIDDEN_TAGS = {"iframe", "img", "math", "base", "form", "button", "object", "embed", "textarea", "mglyph", "style"}
FORBIDDEN_SCHEMES = ("javascript:", "data:text", "vbscript:")


def front_matter(fields: dict[str, Any]) -> str:
    """A front-matter block holding exactly these values (YAML-quoted as needed)."""
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run ``reportgen ARGS`` in this process: exit code, stdout, stderr."""
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, not a message: show its traceback
    return result.exit_code, result.stdout, result.stderr


def run_reportgen(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reportgen ARGS`` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def all_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a folder by relative POSIX path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    """Temporary folders a build left beside its output."""
    return sorted(p.name for p in parent.iterdir() if ".reportgen-tmp-" in p.name or ".reportgen-old-" in p.name)


def site_data(site: Path) -> dict[str, Any]:
    """The site's ``data/articles.json``."""
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))


class Markup(HTMLParser):
    """Every element and attribute of a page, and its text as a reader sees it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def shapes(self) -> set[tuple[str, str]]:
        """Each (tag, attribute name) pair, and (tag, '') for each tag."""
        return {(tag, name) for tag, attrs in self.elements for name in ("", *attrs)}

    def urls(self) -> list[str]:
        """Every value of an attribute that holds a URL."""
        return [value for _, attrs in self.elements for name, value in attrs.items()
                if name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster") and value]
