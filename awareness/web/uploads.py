"""Forms and uploads, held in memory: a body larger than the limit is refused before it is
read in full, an uploaded file is never spooled to disk, and a logo is checked by the same
function that checks a campaign's logo file (awareness/load/cobrand.py). A checked logo is
written only into the request's own temporary folder, which goes away with the request."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import AsyncGenerator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.requests import Request

from ..load.cobrand import MAX_LOGO_BYTES, logo_kind, logo_problem
from .errors import PageError
from .pagetext import PageText

MAX_BODY_BYTES = MAX_LOGO_BYTES + 64 * 1024  # a logo and the form's other fields
MAX_FIELDS = 100
SHOWN_NAME_CHARS = 60


@dataclass(frozen=True)
class Logo:
    data: bytes
    kind: str  # png | svg

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Workspace:
    """A request's temporary folder: its logo file (if any) and its build output."""

    out_dir: Path
    logo: Path | None


async def read_form(request: Request, text: PageText, max_bytes: int = MAX_BODY_BYTES) -> FormData:
    """The submitted form; 413 beyond `max_bytes`, 400 when it cannot be parsed."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(text, max_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(text, max_bytes)
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("multipart/form-data"):
            parser = MultiPartParser(
                request.headers, _replay(bytes(body)), max_files=1, max_fields=MAX_FIELDS, max_part_size=max_bytes
            )
            parser.spool_max_size = max_bytes  # keep the file in memory: an upload must not reach the disk
            return await parser.parse()
        if content_type.startswith("application/x-www-form-urlencoded"):
            return await FormParser(request.headers, _replay(bytes(body))).parse()
    except (MultiPartException, ValueError, UnicodeDecodeError) as error:
        raise PageError(400, text.gettext("The form could not be read: %(reason)s", reason=str(error))) from None
    return FormData()


async def _replay(body: bytes) -> AsyncGenerator[bytes, None]:
    yield body


def _too_large(text: PageText, max_bytes: int) -> PageError:
    return PageError(
        413,
        text.gettext(
            "The upload is too large: a logo may have at most %(size)s MB.", size=format(MAX_LOGO_BYTES / 1024 / 1024, "g")
        ),
        (f"request body larger than {max_bytes:,} bytes",),
    )


async def logo_of(form: FormData, text: PageText, field: str = "logo") -> Logo | None:
    """The uploaded logo, checked; None when no file was chosen."""
    upload = form.get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    data = await upload.read()
    if not data:
        return None
    problem = logo_problem(data, _shown_name(upload.filename))
    if problem:
        status = 413 if len(data) > MAX_LOGO_BYTES else 422
        raise PageError(status, text.gettext("This logo cannot be used."), (problem,))
    return Logo(data, logo_kind(data))


def _shown_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name
    return name if len(name) <= SHOWN_NAME_CHARS else name[: SHOWN_NAME_CHARS - 1] + "…"


@contextmanager
def workspace(logo: Logo | None) -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory(prefix="awareness-web-") as folder:
        root = Path(folder)
        path = None
        if logo is not None:
            path = root / f"logo.{logo.kind}"
            path.write_bytes(logo.data)
        yield Workspace(root / "out", path)
