"""Signs kept current: after a number changes, `patch` names the issued PDFs that print the old
one and makes a sheet of labels on Avery 5160 stock that cover it with the new one."""

from __future__ import annotations

import json

import pdfplumber

from awareness.verify.readback import read_pdf

from .conftest import PROJECT_ROOT, replace_in, run_cli

INCH = 72.0


def _change_floridas_number(project):
    """The Florida hotline gets a new number: the registry and the statutes' wording follow."""
    replace_in(
        project / "materials/hotlines.yaml",
        """    dial: "+18553527233"
    display: 1-855-352-7233
    vanity: 1-855-FLA-SAFE
    vanity_only: true       # the digits are derived from the keypad, not verified""",
        """    dial: "+18554264377"
    display: 1-855-426-4377""",
    )
    for law in ("fl_787_29", "fl_509_096"):
        path = project / f"materials/laws/{law}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("1-855-FLA-SAFE", "1-855-426-4377"), encoding="utf-8")


def test_a_number_change_gives_a_sheet_of_patch_labels_that_cover_the_old_line(sample_project, tmp_path):
    out = tmp_path / "out"
    assert run_cli(sample_project, "build", "--law", "fl_787_29", "--out", str(out)).code == 0
    manifest = json.loads((out / "laws/manifest.json").read_text(encoding="utf-8"))
    facts = manifest["outputs"]["notices/fl_787_29/statewide/notice.pdf"]["facts"]
    assert facts["printed"] == {"fl_trafficking.phone": "1-855-FLA-SAFE"}  # what the notice printed, recorded

    assert "No issued PDF prints a line that has changed." in run_cli(sample_project, "patch", "--out", str(out)).stderr
    _change_floridas_number(sample_project)
    listing = run_cli(sample_project, "patch", "--out", str(out))
    assert listing.code == 0
    assert (
        "laws/notices/fl_787_29/statewide/notice.pdf: fl_trafficking.phone '1-855-FLA-SAFE' changed -> 2 label(s): "
        "'1-855-426-4377'"
    ) in listing.stdout
    assert "wording" not in listing.stdout  # the statute's text changed only by the number the label covers

    run = run_cli(sample_project, "patch", "--out", str(out), "--build")
    assert run.code == 0, run.stderr
    sheet = out / "patch/patches/labels-avery_5160.pdf"
    pdf = read_pdf(sheet, decode_qr=False)
    assert [round(value) for value in pdf.trim_sizes_pt[0]] == [612, 792] and len(pdf.page_sizes_pt) == 1
    assert sum(line.count("1-855-426-4377") for line in pdf.visual_lines) == 2  # the notice prints it in English and Spanish
    assert "FLA-SAFE" not in pdf.text
    with pdfplumber.open(sheet) as document:
        words = [
            word for word in document.pages[0].extract_words(extra_attrs=["fontname", "size"]) if word["text"] == "1-855-426-4377"
        ]
    # Avery 5160: the first two labels, 0.1875 in and 2.9375 in from the left, 0.5 in from the top, 2.625 x 1 in.
    cells = [(0.1875 * INCH, 0.5 * INCH), (2.9375 * INCH, 0.5 * INCH)]
    for word, (left, top) in zip(sorted(words, key=lambda word: word["x0"]), cells, strict=True):
        assert left < word["x0"] and word["x1"] < left + 2.625 * INCH and top < word["top"] and word["bottom"] < top + 1 * INCH
        assert word["size"] >= 16.0 - 0.05 and "Bold" in word["fontname"]  # the sign's law sets 16 pt
    check = run_cli(sample_project, "check", str(out))
    assert f"ok   {sheet}" in check.stdout  # the labels read back against what changed
    assert "1-855-426-4377 is required by the law and is not printed in order" in check.stdout  # the old sign: patch it


def test_patch_reads_a_corrupt_manifest_as_one_line(tmp_path):
    folder = tmp_path / "out/default"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    run = run_cli(PROJECT_ROOT, "patch", "--out", str(tmp_path / "out"), "--build")
    assert run.code == 0 and "Traceback" not in run.stderr
    assert len(run.warning_lines) == 1 and "out/default/manifest.json: cannot be used" in run.warning_lines[0]
    assert not list(tmp_path.rglob("*.pdf"))
