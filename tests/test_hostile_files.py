"""Bad files in the content folder: each is analysed correctly or skipped with one clear line, and the build goes on.

One build of a folder holding every kind of bad file next to good ones; ``--strict`` fails
instead; the JSON export (of the site and of ``reportgen analyze``) records what was skipped and why.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from hostile import all_bytes, front_matter, run_cli, site_data

BODY = "Officials said the bridge may close. Mayor Ana Ortiz said repairs will take approximately six weeks.\n"
LONG_LINE = ("The bridge opened on time and the council met in the hall. " * 17_000)[:1_000_000]
NO_SPACES = "\n".join(("Officials_said_the_bridge_may_close." * 600) for _ in range(5))
LAUGHS = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")) + "title: *i\n---\n\n" + BODY

# name -> (file content, None if it must be analysed, else what the one warning line must say after "PATH: ")
SKIPPED = {
    "latin1.md": (f"---\ntitle: Caf\xe9\n---\n\n{BODY}".encode("latin-1"),
                  "not UTF-8 text (save it as UTF-8): bad byte on line 2"),
    "utf16.md": (("---\ntitle: Sixteen\n---\n\n" + BODY).encode("utf-16"), "UTF-16 text, not UTF-8 (save it as UTF-8)"),
    "utf16-no-bom.txt": (BODY.encode("utf-16-le"), "UTF-16 text, not UTF-8 (save it as UTF-8)"),
    "utf16-ukrainian.txt": ("Посадовці заявили, що міст закриють.".encode("utf-16-le"),
                            "UTF-16 text, not UTF-8 (save it as UTF-8)"),
    "image.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8,
                 "a binary file, not text (move it out of the content folder)"),
    "empty.md": (b"", "no article text (the body is empty)"),
    "only-front.md": (front_matter({"title": "Nothing below"}).encode(), "no article text (the body is empty)"),
    "list-front.md": (b"---\n- a\n- b\n---\n\n" + BODY.encode(),
                      "malformed front matter: expected 'key: value' lines, got a list"),
    "scalar-front.md": (b"---\njust words\n---\n\n" + BODY.encode(),
                        "malformed front matter: expected 'key: value' lines, got a string"),
    "impossible-date.md": (b"---\ndate: 2024-02-30\n---\n\n" + BODY.encode(),
                           "malformed front matter: day is out of range for month"),
    "date-mapping.md": (b"---\ndate: {year: 2024}\n---\n\n" + BODY.encode(),
                        "front matter 'date' must be text, not a mapping"),
    "tags-mapping.md": (b"---\ntags: {war: 1}\n---\n\n" + BODY.encode(),
                        "front matter 'tags' must be a list or a comma-separated string, not a mapping"),
    "tags-number.md": (b"---\ntags: 5\n---\n\n" + BODY.encode(),
                       "front matter 'tags' must be a list or a comma-separated string, not a number"),
    "title-yes.md": (b"---\ntitle: yes\n---\n\n" + BODY.encode(),
                     "front matter 'title' must be text, not a true/false value (put it in quotes)"),
    "unclosed.md": (b"---\ntitle: Open\n\n" + BODY.encode(), "unclosed front matter (add a '---' line after it)"),
    "deep.md": (b"---\n" + b"[" * 5000 + b"\n---\n\n" + BODY.encode(), "malformed front matter: nested too deeply"),
    "laughs.md": (LAUGHS.encode(), "front matter 'title' must be text, not a list"),
    "script-url.md": (front_matter({"url": "javascript:alert(1)"}).encode() + BODY.encode(),
                      "front matter 'url' must start with http:// or https://"),
    "huge.md": (b"Officials said it. " * (20 * 1024 * 1024 // 19 + 1),
                "too large for an article (over 10 MB): split it, or move it out of the content folder"),
}
ANALYSED = {
    "good.md": front_matter({"title": "Bridge closes", "tags": ["bridge"]}) + BODY,
    "lf.md": "---\ntitle: Line endings\n---\n\nOfficials said the bridge\nmay close.\n\nRepairs could take weeks.\n",
    "crlf.md": "---\r\ntitle: Line endings\r\n---\r\n\r\nOfficials said the bridge\r\nmay close.\r\n\r\nRepairs could take weeks.\r\n",
    "bom.md": "\ufeff---\ntitle: With a byte-order mark\n---\n\n" + BODY,
    "unknown-keys.md": "---\ntitle: Extra keys\ncolour: red\nnested: {a: [1, 2, {b: null}]}\n42: answer\n---\n\n" + BODY,
    "vague-date.md": "---\ndate: last Tuesday\n---\n\n" + BODY,
    "controls.md": "Officials\x07 said\x1b the city council's plan\x0c may\x7f fail before the end of the year.\n",
    "escaped-controls.md": '---\ntitle: "Bell\\a, escape\\e, nul\\0 and \\ud800 here"\ntags: ["tab\\x01tag"]\n---\n\n' + BODY,
    "rtl.md": "---\ntitle: \"\u05d4\u05de\u05e9\u05d8\u05e8\u05d4 \u202eevil\u202c\"\n---\n\n"
              "\u05d4\u05de\u05e9\u05d8\u05e8\u05d4 said the bridge may close. \u0642\u0627\u0644 \u0645\u0633\u0624\u0648\u0644\u0648\u0646 "
              "\u202egnimoc si ti\u202c, officials said.\n",
    "emoji.md": "Officials 🙂 said the 👩🏽‍⚕️ clinic may close. 🇺🇦 Analysts suggest 🤷 it could reopen.\n",
    "mixed.md": "Officials said 東京 and Київ and القاهرة may trade. Ｆｕｌｌｗｉｄｔｈ analysts suggest Ελλάδα could join.\n",
    "київ-міст.md": "Посадовці заявили, що міст можуть закрити на шість тижнів. «Ми робимо все можливе», — сказав мер.\n\n"
                   "За словами джерел, ремонт може тривати роки. Officials said the bridge may close.\n",
    "long-line.txt": LONG_LINE,
    "no-spaces.md": NO_SPACES,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The matrix built once: (project folder, exit code, stderr lines, site bytes)."""
    root = tmp_path_factory.mktemp("hostile-files")
    content = root / "content"
    content.mkdir()
    for name, (data, _) in SKIPPED.items():
        (content / name).write_bytes(data)
    for name, text in ANALYSED.items():
        (content / name).write_bytes(text.encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        code, _, err = run_cli("build", "--jobs", "1")
    return root, code, err.splitlines(), all_bytes(root / "site")


def test_each_bad_file_is_one_warning_line_and_the_build_goes_on(built) -> None:
    root, code, lines, _ = built
    assert code == 0, lines
    warnings = [line for line in lines if line.startswith("warning: ")]
    expected = [f"warning: {name}: {problem}" for name, (_, problem) in sorted(SKIPPED.items())]
    assert warnings == expected
    assert re.fullmatch(rf"built site: {len(ANALYSED)} articles, \d+ findings, {len(SKIPPED)} warnings in \d+\.\d s",
                        lines[-1])
    assert not any("Traceback" in line for line in lines)


def test_the_json_export_records_each_skipped_file_and_why(built) -> None:
    root = built[0]
    data = site_data(root / "site")
    assert data["skipped"] == [{"path": name, "error": problem} for name, (_, problem) in sorted(SKIPPED.items())]
    assert sorted(a["path"] for a in data["articles"]) == sorted(ANALYSED)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root / "content")
        code, out, err = run_cli("analyze", "--format", "json", ".")
    assert code == 2  # an input error, reported; the rest is analysed
    import json
    assert json.loads(out)["skipped"] == data["skipped"]
    assert [line for line in err.splitlines() if line.startswith("error: ")] == [
        f"error: {name}: {problem}" for name, (_, problem) in sorted(SKIPPED.items())]


def articles_by_path(built) -> dict[str, dict]:
    return {a["path"]: a for a in site_data(built[0] / "site")["articles"]}


def test_odd_but_valid_files_are_analysed_correctly(built) -> None:
    articles = articles_by_path(built)
    assert articles["bom.md"]["title"] == "With a byte-order mark"
    assert articles["unknown-keys.md"]["title"] == "Extra keys" and articles["unknown-keys.md"]["text"] == BODY.strip()
    assert articles["vague-date.md"]["meta"]["date"] == "last Tuesday"
    crlf, lf = articles["crlf.md"], articles["lf.md"]
    assert {k: v for k, v in crlf.items() if k not in ("path", "slug")} == {k: v for k, v in lf.items()
                                                                             if k not in ("path", "slug")}
    assert articles["controls.md"]["text"] == "Officials said the city council's plan may fail before the end of the year."
    escaped = articles["escaped-controls.md"]
    assert escaped["title"] == "Bell , escape , nul and \ufffd here" and escaped["meta"]["tags"] == ["tab tag"]
    assert "\u202e" in articles["rtl.md"]["text"] and articles["rtl.md"]["title"].startswith("\u05d4")
    assert "👩🏽‍⚕️" in articles["emoji.md"]["text"] and "🇺🇦" in articles["emoji.md"]["text"]
    assert "東京" in articles["mixed.md"]["text"] and "Ｆｕｌｌｗｉｄｔｈ" in articles["mixed.md"]["text"]
    ukrainian = articles["київ-міст.md"]
    assert ukrainian["slug"] == "kyiv-mist" and ukrainian["title"].startswith("Посадовці заявили")
    assert ukrainian["metrics"]["sentences"] >= 4 and ukrainian["metrics"]["words"] >= 25
    assert len(articles["long-line.txt"]["text"]) == len(LONG_LINE.strip())
    assert articles["long-line.txt"]["metrics"]["sentences"] == LONG_LINE.count(". ") + 1
    assert articles["no-spaces.md"]["text"] == " ".join(NO_SPACES.split("\n"))
    for path, article in articles.items():  # every finding is an exact span of its text
        for finding in article["findings"]:
            assert article["text"][finding["start"]:finding["end"]] == finding["text"], path


def test_every_written_file_is_clean_utf8_without_control_characters(built) -> None:
    files = built[3]
    assert {f"articles/{a['slug']}.html" for a in articles_by_path(built).values()} <= set(files)
    for path, data in files.items():
        if path.endswith((".html", ".json", ".csv", ".svg", ".xml")):
            text = data.decode("utf-8")  # raises on a lone surrogate written through
            bad = {c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\r"}
            assert not bad, (path, bad)


def test_strict_fails_naming_every_bad_file_and_keeps_the_site(built, monkeypatch) -> None:
    root, _, _, before = built
    monkeypatch.chdir(root)
    (root / "content" / "good.md").write_text(front_matter({"title": "Changed"}) + BODY, encoding="utf-8")
    code, _, err = run_cli("build", "--jobs", "1", "--strict")
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("warning: ")] == [
        f"warning: {name}: {problem}" for name, (_, problem) in sorted(SKIPPED.items())]
    assert f"Error: --strict: {len(SKIPPED)} warnings; the site was not written (the previous one is unchanged)" in err
    assert all_bytes(root / "site") == before


def test_strict_first_build_writes_nothing(project, monkeypatch) -> None:
    root = project({"content/good.md": BODY, "content/empty.md": b""})
    monkeypatch.chdir(root)
    code, _, err = run_cli("build", "--strict")
    assert code == 1 and "warning: empty.md: no article text (the body is empty)" in err
    assert not (root / "site").exists()
    assert not [p.name for p in root.iterdir() if ".reportgen-tmp-" in p.name]
