"""What a long-lived serve remembers between rebuilds: only what stat says is unchanged, and nothing just changed."""

from __future__ import annotations

import os
from pathlib import Path

from reportgen import memo as memo_module
from reportgen.cache import article_key
from reportgen.find import find_articles
from reportgen.memo import PlanMemory


def test_keys_are_read_again_only_for_files_changed_since_the_last_call(tmp_path: Path, monkeypatch) -> None:
    files = [tmp_path / name for name in ("a.md", "b.md")]
    for path in files:
        path.write_text("The clerk said so.")
    read: list[str] = []
    monkeypatch.setattr(memo_module, "article_key",
                        lambda path, *rest: read.append(path.name) or article_key(path, *rest))
    memory = PlanMemory()
    first = memory.keys(files, tmp_path, "rules")
    assert read == ["a.md", "b.md"] and first == [article_key(path, tmp_path, "rules") for path in files]
    read.clear()
    assert memory.keys(files, tmp_path, "rules") == first and read == ["a.md", "b.md"]  # just saved: read again
    monkeypatch.setattr(memo_module, "RACY_SECONDS", 0)
    memory.keys(files, tmp_path, "rules")
    read.clear()
    assert memory.keys(files, tmp_path, "rules") == first and read == []  # settled: known by stat
    stat = files[0].stat()
    files[0].write_text("The clerk said no.")  # same size, and the old modification time put back
    os.utime(files[0], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    changed = memory.keys(files, tmp_path, "rules")
    assert read == ["a.md"] and changed[0] != first[0] and changed[1] == first[1]  # the change time tells
    read.clear()
    assert memory.keys(files, tmp_path, "other rules") != changed and read == ["a.md", "b.md"]  # new rules: new keys


def test_articles_are_listed_again_only_when_a_folder_changed(tmp_path: Path, monkeypatch) -> None:
    content = tmp_path / "content"
    (content / "more").mkdir(parents=True)
    for name in ("a.md", "more/b.txt", "notes.pdf"):
        (content / name).write_text("The clerk said so.")
    listed: list[Path] = []
    monkeypatch.setattr(memo_module, "find_articles", lambda folder: listed.append(folder) or find_articles(folder))
    memory = PlanMemory()
    assert memory.articles(content) == find_articles(content) and len(listed) == 1
    assert memory.articles(content) and len(listed) == 2  # the folders just changed: listed again
    monkeypatch.setattr(memo_module, "RACY_SECONDS", 0)
    for folder in (content, content / "more"):
        os.utime(folder, (1_000_000_000, 1_000_000_000))  # long ago: a change now gives other times
    memory.articles(content)
    listed.clear()
    (content / "a.md").write_text("The clerk said no.")  # a file changes, not the list
    assert memory.articles(content) == find_articles(content) and listed == []
    changes = [lambda: (content / "more" / "c.md").write_text("New."), lambda: (content / "a.md").unlink(),
               lambda: (content / "more" / "b.txt").rename(content / "b.txt"), lambda: (content / "new").mkdir()]
    for change in changes:
        change()
        listed.clear()
        assert memory.articles(content) == find_articles(content) and len(listed) == 1
        for folder in (content, *(path for path in content.rglob("*") if path.is_dir())):
            os.utime(folder, (1_000_000_000, 1_000_000_000))
        memory.articles(content)


def test_rules_are_loaded_again_only_for_another_config(monkeypatch) -> None:
    loaded: list[object] = []
    real = memo_module.load_rules
    monkeypatch.setattr(memo_module, "load_rules", lambda config: loaded.append(config) or real(config))
    memory = PlanMemory()
    first = memory.rules({})
    assert memory.rules({}) is first and loaded == [{}]
    lexicon = {"lexicon": {"add": {"vague_sources": ["clerk"]}}}
    assert memory.rules(lexicon).fingerprint != first.fingerprint and loaded == [{}, lexicon]
