"""Each material's text as accessible HTML (--text): made through the same pipeline from the
same template and catalog as its PDF, in the PDF's language and direction, with the hotline
number whole and nothing of the layout (no images, no pictograms, no break hints)."""

from __future__ import annotations

import json

import tinyhtml5

from .conftest import PROJECT_ROOT, run_cli

NS = "{http://www.w3.org/1999/xhtml}"


def test_text_exports_carry_the_language_the_number_and_no_layout(tmp_path):
    run = run_cli(
        PROJECT_ROOT, "build", "--material", "wallet_card", "--lang", "ar", "--lang", "hi", "--text", "--out", str(tmp_path)
    )
    assert run.code == 0, run.stderr[-2000:]
    for tag, direction in (("ar", "rtl"), ("hi", "ltr")):
        path = tmp_path / "default" / "us" / tag / "wallet_card.html"
        source = path.read_text(encoding="utf-8")
        root = tinyhtml5.parse(source)
        assert (root.get("lang"), root.get("dir")) == (tag, direction)
        text = " ".join("".join(root.itertext()).split())
        assert "1-888-373-7888" in text and "911" in text
        assert "\u200b" not in source and "\u2060" not in source  # layout break hints are not text
        assert root.find(f".//{NS}img") is None and "background-image" not in source
        assert root.find(f".//{NS}title").text  # the PDF's title
    manifest = json.loads((tmp_path / "default" / "manifest.json").read_text(encoding="utf-8"))
    kinds = [entry["job"]["kind"] for entry in manifest["outputs"].values()]
    assert kinds.count("text") == 2


def test_a_deleted_export_is_rebuilt_alone(tmp_path):
    argv = ("build", "--material", "wallet_card", "--lang", "en", "--text", "--out", str(tmp_path))
    assert run_cli(PROJECT_ROOT, *argv).code == 0
    export = tmp_path / "default" / "us" / "en" / "wallet_card.html"
    export.unlink()
    rebuilt = run_cli(PROJECT_ROOT, *argv)
    assert rebuilt.code == 0 and export.is_file()
    assert "(1 rendered, 1 already up to date)" in rebuilt.stderr  # the export, not the PDF
