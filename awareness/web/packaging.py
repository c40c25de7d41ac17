"""Built files as one download: a PDF as it is, several files as one zip; and as a response."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from starlette.responses import Response

from ..pipeline.bundle import FIXED_ZIP_TIME
from .engine import BuiltFile, Download

PDF = "application/pdf"
ZIP = "application/zip"


def single_or_zip(files: list[BuiltFile], stem: str) -> Download:
    if len(files) == 1:
        return Download(files[0].data, f"{stem}.pdf", PDF)
    return Download(_zip((file.name, file.data) for file in files), f"{stem}.zip", ZIP)


def merged_bundles(bundles: list[BuiltFile], stem: str) -> Download:
    """The pipeline's bundles (a zip per language, its files under <lang>/) as one zip."""
    members = []
    for bundle in bundles:
        with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
            members += [(name, archive.read(name)) for name in archive.namelist()]
    return Download(_zip(members), f"{stem}.zip", ZIP)


def attachment(made: Download, inline: bool = False) -> Response:
    """The file as a response; a PDF may open in the browser (the stable address), the rest downloads."""
    disposition = "inline" if inline and made.media_type == PDF else "attachment"
    return Response(
        made.data, media_type=made.media_type, headers={"Content-Disposition": f'{disposition}; filename="{made.filename}"'}
    )


def _zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), data)
    return buffer.getvalue()
