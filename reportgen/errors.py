"""Errors a user should see: one line naming the file and the problem."""

from __future__ import annotations

import click


class ReportgenError(click.ClickException):
    """Base class for problems reported to the user (exit status 2)."""

    exit_code = 2


class ArticleError(ReportgenError):
    """An article file that cannot be loaded."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ConfigError(ReportgenError):
    """A configuration file or value that cannot be used."""
