"""What the page refuses, and why, in words for the visitor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from ..model.diagnostics import Diagnostic, ProjectError
from .engine import BuildFailed

Result = TypeVar("Result")


class PageError(Exception):
    """A request the page cannot serve: an HTTP status, a message already in the page's
    language, and details (the engine's own diagnostics, in English) when there are any."""

    def __init__(self, status: int, message: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    @classmethod
    def of(cls, status: int, message: str, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> PageError:
        return cls(status, message, tuple(diagnostic.message for diagnostic in diagnostics))


def status_of(error: ProjectError) -> int:
    """An unknown name is 404; any other problem with what was asked is 422."""
    return 404 if error.first.code.startswith("reference.") else 422


async def off_the_loop(refusal: str, function: Callable[..., Result], *args: Any) -> Result:
    """Run engine work in a worker thread (the server keeps answering meanwhile); what the
    engine refuses comes back as a PageError with `refusal` as its message."""
    try:
        return await run_in_threadpool(function, *args)
    except ProjectError as error:
        raise PageError.of(status_of(error), refusal, error.diagnostics) from None
    except BuildFailed as failed:
        raise PageError.of(422, refusal, failed.diagnostics) from None
