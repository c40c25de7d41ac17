"""The pipeline: incremental from recorded dependencies (materials, notices, sheets), deterministic,
parallel, crash-proof, bundled, on Dask; one manifest for every kind of output."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from awareness.pipeline import runner

from .conftest import replace_in, run_cli, set_translation

LANGS = ("--lang", "en", "--lang", "es", "--lang", "ar")


def _digests(out: Path) -> dict[str, str]:
    return {str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(out.rglob("*.pdf"))}


def _counts(run) -> str:
    return run.stderr.strip().splitlines()[-1]


def _manifest_is_true(out: Path, campaign: str = "default") -> dict:
    manifest = json.loads((out / campaign / "manifest.json").read_text())
    on_disk = {str(path.relative_to(out / campaign)) for path in (out / campaign).rglob("*.pdf")}
    assert set(manifest["outputs"]) == on_disk
    for name, entry in manifest["outputs"].items():
        assert hashlib.sha256((out / campaign / name).read_bytes()).hexdigest() == entry["sha256"]
    return manifest


def _rendered(run) -> list[str]:
    return sorted(
        line.split("] ")[1].split(" ok, ")[0] for line in run.stderr.splitlines() if line.startswith("[") and " ok, " in line
    )


def test_second_build_renders_nothing_and_a_changed_catalog_rebuilds_its_language(sample_project, tmp_path):
    out = tmp_path / "out"
    first = run_cli(sample_project, "build", *LANGS, "--out", str(out))
    assert first.code == 0 and "(9 rendered, 0 already up to date)" in _counts(first), first.stderr
    second = run_cli(sample_project, "build", *LANGS, "--out", str(out))
    assert "(0 rendered, 9 already up to date)" in _counts(second)
    set_translation(sample_project / "translations/es/LC_MESSAGES/messages.po", "Signs to look for", "Señales de alerta")
    third = run_cli(sample_project, "build", *LANGS, "--out", str(out))
    assert _rendered(third) == ["us/es/handout", "us/es/poster", "us/es/wallet_card"]
    manifest = _manifest_is_true(out)
    entry = manifest["outputs"]["us/es/poster.pdf"]
    assert entry["job"]["language"] == "es" and entry["pages"] == 1 and entry["facts"]["review"] == "draft"
    assert "translations/es/LC_MESSAGES/messages.po" in entry["inputs"] and "templates/macros.html" in entry["inputs"]
    assert entry["facts"]["printed"]["us_trafficking.phone"] == "1-888-373-7888"


def test_a_changed_hotline_rebuilds_every_item_that_prints_it(sample_project, tmp_path):
    out = tmp_path / "out"
    run_cli(sample_project, "build", "--lang", "en", "--out", str(out))
    hotlines = sample_project / "materials" / "hotlines.yaml"
    hotlines.write_text(hotlines.read_text().replace('hours: "24/7"', 'hours: "weekdays"', 1))
    again = run_cli(sample_project, "build", "--lang", "en", "--out", str(out))
    assert "(3 rendered, 0 already up to date)" in _counts(again), again.stderr


def test_same_inputs_give_the_same_bytes_serial_or_parallel(sample_project, tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run_cli(sample_project, "build", *LANGS, "--jobs", "1", "--out", str(serial)).code == 0
    assert run_cli(sample_project, "build", *LANGS, "--jobs", "2", "--out", str(parallel)).code == 0
    assert _digests(serial) == _digests(parallel)
    assert len(_digests(serial)) == 9


def crash_on_posters(settings, task):
    if task.spec.key.subject == "poster":
        os._exit(3)  # as a segfault in a native library would
    return ORIGINAL_BUILD(settings, task)


ORIGINAL_BUILD = runner.build_in_worker


def test_a_crashing_worker_fails_its_item_only(sample_project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(runner, "build_in_worker", crash_on_posters)
    run = run_cli(sample_project, "build", *LANGS, "--jobs", "2", "--out", str(out))
    assert run.code == 1
    assert "the worker process crashed while building it" in run.stderr
    assert sorted(_digests(out)) == [
        f"default/us/{lang}/{material}.pdf" for lang in ("ar", "en", "es") for material in ("handout", "wallet_card")
    ]
    manifest = _manifest_is_true(out)
    assert not [key for key in manifest["outputs"] if key.endswith("/poster.pdf")]


def test_bundles_and_proof_page(sample_project, tmp_path):
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--lang", "fa", "--bundle", "--out", str(out))
    assert run.code == 0, run.stderr
    with zipfile.ZipFile(out / "default" / "bundles" / "default-us-fa.zip") as archive:
        assert sorted(archive.namelist()) == ["fa/handout.pdf", "fa/poster.pdf", "fa/proof.html", "fa/wallet_card.pdf"]
        assert archive.read("fa/poster.pdf") == (out / "default/us/fa/poster.pdf").read_bytes()
    index = (out / "default" / "index.html").read_text()
    assert index.index("فارسی") > index.index("English")  # grouped by language, in build order
    for thumb in ("thumbs/us/fa/handout-1.png", "thumbs/us/fa/handout-2.png", "thumbs/us/en/poster-1.png"):
        assert f'src="{thumb}"' in index and (out / "default" / thumb).is_file()


def test_dask_cluster_builds_the_same_bytes(sample_project, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("PYTHONPATH", str(Path(runner.__file__).resolve().parents[1]))
    local = tmp_path / "local"
    assert run_cli(sample_project, "build", "--lang", "ar", "--jobs", "1", "--out", str(local)).code == 0
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=40
    ) as cluster:
        remote = tmp_path / "remote"
        run = run_cli(sample_project, "build", "--lang", "ar", "--scheduler", cluster.scheduler_address, "--out", str(remote))
    assert run.code == 0, run.stderr
    assert _digests(local) == _digests(remote)


def test_campaign_overrides_paper_and_qr(tmp_path):
    from awareness.verify.readback import read_pdf

    from .conftest import PROJECT_ROOT

    out = tmp_path / "out"
    run = run_cli(PROJECT_ROOT, "build", "--campaign", "a4-cards", "--lang", "ar", "--out", str(out))
    assert run.code == 0, run.stderr
    card = read_pdf(out / "a4-cards/us/ar/wallet_card.pdf")
    assert [(round(w / 72 * 25.4), round(h / 72 * 25.4)) for w, h in card.page_sizes_pt] == [(85, 55), (85, 55)]
    poster = read_pdf(out / "a4-cards/us/ar/poster.pdf")
    assert [(round(w / 72 * 25.4), round(h / 72 * 25.4)) for w, h in poster.page_sizes_pt] == [(210, 297)]
    assert poster.qr_payloads == [["tel:+18883737888"]]


def test_unwritable_output_folder_fails_each_item_plainly(sample_project, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    run = run_cli(sample_project, "build", "--lang", "en", "--jobs", "1", "--out", str(blocker / "out"))
    assert run.code == 1
    assert "error: cannot write " in run.stderr and "Not a directory" in run.stderr and "[output.unwritable]" in run.stderr
    assert "internal error" not in run.stderr
    assert blocker.read_text() == "a file where the output folder should be"


def test_a_changed_law_rebuilds_its_notice_only_and_a_deleted_sheet_is_rebuilt(sample_project, tmp_path):
    out = tmp_path / "out"
    campaign = sample_project / "materials/campaigns/texas-sites.yaml"
    campaign.write_text(
        "materials: [wallet_card]\nlanguages: [en]\nregions: [us]\noverrides: {sheets: true}\n"
        "notices:\n  - {law: fl_787_29}\n  - {law: tx_gov_402_0351}\n",
        encoding="utf-8",
    )
    first = run_cli(sample_project, "build", "--campaign", "texas-sites", "--out", str(out))
    assert first.code == 0, first.stderr
    assert _rendered(first) == [
        "notices/fl_787_29/statewide/en+es",
        "notices/tx_gov_402_0351/statewide/en+es",
        "us/en/wallet_card",
        "us/en/wallet_card (sheet)",
    ]
    assert _rendered(run_cli(sample_project, "build", "--campaign", "texas-sites", "--out", str(out))) == []
    replace_in(
        sample_project / "materials/laws/fl_787_29.yaml",
        "to access help and services. Victims",
        "to access help and services.  Victims",
    )
    (out / "texas-sites/us/en/wallet_card-sheet.pdf").unlink()
    third = run_cli(sample_project, "build", "--campaign", "texas-sites", "--out", str(out))
    assert _rendered(third) == ["notices/fl_787_29/statewide/en+es", "us/en/wallet_card (sheet)"]
    manifest = _manifest_is_true(out, "texas-sites")
    notice = manifest["outputs"]["notices/fl_787_29/statewide/notice.pdf"]
    assert notice["job"]["kind"] == "notice" and "templates/law_notice.html" in notice["inputs"]
    sheet = manifest["outputs"]["us/en/wallet_card-sheet.pdf"]
    assert sheet["job"]["kind"] == "sheet" and any(name.endswith("us/en/wallet_card.pdf") for name in sheet["inputs"])


def test_a_template_change_rebuilds_what_reads_that_template(sample_project, tmp_path):
    """Dependencies are what each job read: the palm card never loads handout.html. A sheet is
    made again only when its card's bytes changed (a comment in a template changes nothing)."""
    out = tmp_path / "out"
    run_cli(sample_project, "build", "--campaign", "discreet", "--lang", "en", "--out", str(out))
    replace_in(sample_project / "templates/macros.html", "{#- The discreet lines", "{#- Changed. The discreet lines")
    replace_in(sample_project / "templates/handout.html", "{% block body %}", "{% block body %}\n")
    again = run_cli(sample_project, "build", "--campaign", "discreet", "--lang", "en", "--out", str(out))
    assert _rendered(again) == ["us/en/palm_card", "us/en/restroom_sticker"]


def test_a_corrupt_manifest_says_so_and_rebuilds(sample_project, tmp_path):
    out = tmp_path / "out"
    run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(out))
    (out / "default/manifest.json").write_text("{not json", encoding="utf-8")
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(out))
    assert run.code == 0, run.stderr
    assert "manifest.json: cannot be used" in run.stderr and "[manifest.unreadable]" in run.stderr
    assert "(1 rendered, 0 already up to date)" in _counts(run)
    assert "Traceback" not in run.stderr
