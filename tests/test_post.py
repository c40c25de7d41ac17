"""What must I post? The notices a site's laws require, where they go, their sizes and
languages, built with a checklist that goes through the same pipeline and `check`."""

from __future__ import annotations

import json

from awareness.verify.readback import read_pdf

from .conftest import PROJECT_ROOT, run_cli


def _post(*argv: str) -> dict:
    run = run_cli(PROJECT_ROOT, "post", *argv, "--format", "json")
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_what_a_hotel_must_post_in_three_states():
    texas = _post("--state", "TX", "--county", "Harris", "--business", "hotel", "--workforce", "vi=12,ko=4")
    (sign,) = texas["notices"]
    assert sign["law"] == "tx_1tac_54_103" and sign["languages"] == ["en", "es", "vi"] and sign["separate_signs"]
    assert sign["formats"][0]["size"] == "at least 11in x 17in" and sign["formats"][0]["where"] == [
        "where employees see it (break room, back office)"
    ]

    florida = _post("--state", "FL", "--business", "hotel")
    assert [notice["law"] for notice in florida["notices"]] == ["fl_509_096"]  # § 787.29 does not name hotels
    (lodging,) = florida["notices"][0]["formats"]
    assert (lodging["name"], lodging["size"], lodging["type"]) == ("lodging_sign", "at least 11in x 15in", "type at least 32 pt")
    assert lodging["words"] == "sign in each guest room"  # materials/notice_formats.yaml

    kentucky = _post("--state", "KY", "--business", "hotel")
    (law,) = kentucky["notices"]
    assert law["law"] == "ky_219_085" and law["formats_rule"] == "and" and law["verification"] == "partial"
    sign, cling = law["formats"]
    assert sign["where_rule"] == "in one of these places" and "in the lobby" in sign["where"]
    assert (cling["name"], cling["where"], cling["size"], cling["type"]) == (
        "window_cling",
        ["in each public restroom"],
        "at least 3in x 3in",
        "type at least 10 pt",
    )
    assert "gender-neutral language" in law["unverified"]  # the agency's wording was not found: said with the answer


def test_a_hotel_in_maryland_checks_its_county_and_baltimore_adds_the_city_sign():
    state = _post("--state", "MD", "--county", "Montgomery", "--business", "hotel")
    assert state["notices"] == []  # a hotel has a duty in Maryland only when cited (nuisance_hotel), or in Baltimore City
    city = _post("--state", "MD", "--county", "Baltimore City", "--business", "hotel")
    (sign,) = city["notices"]
    assert (
        sign["law"] == "baltimore_42_2"
        and sign["formats"][0]["type"] == "type at least 12 pt; the number at least 30 pt; the number in bold"
    )
    assert sign["formats"][0]["where"] == [
        "in a conspicuous place the public sees",
        "in each public restroom",
        "in each guest room (back of the entry door)",
    ]


def test_a_state_without_a_posting_duty_says_why_and_one_not_read_is_not_built():
    oregon = _post("--state", "OR", "--business", "rest_area")
    assert oregon["notices"] == [] and oregon["no_duty"].startswith("ORS 377.880")
    tennessee = _post("--state", "TN", "--business", "adult_entertainment")
    (notice,) = tennessee["notices"]
    assert notice["verification"] == "none" and notice["problem"].startswith("not built: no text of the law was read")


def test_post_builds_the_notices_and_a_checklist_that_check_reads_back(tmp_path):
    run = run_cli(PROJECT_ROOT, "post", "--state", "KY", "--business", "hotel", "--build", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    folder = tmp_path / "post"
    built = sorted(str(path.relative_to(folder)) for path in folder.rglob("*.pdf"))
    assert built == [
        "checklists/ky-statewide/hotel.pdf",
        "notices/ky_219_085/statewide/notice-sign.pdf",
        "notices/ky_219_085/statewide/notice-window_cling.pdf",
    ]
    checklist = read_pdf(folder / "checklists/ky-statewide/hotel.pdf", decode_qr=False)
    text = " ".join(checklist.text.split())
    for shown in (
        "Kentucky hotel and motel sign",
        "KRS 219.085",
        "in each public restroom",
        "at least 3in x 3in",
        "English, Spanish",
        "Verified in part",
    ):
        assert shown in text, shown
    assert [round(value) for value in checklist.trim_sizes_pt[0]] == [612, 792] and checklist.missing_glyphs == []
    check = run_cli(PROJECT_ROOT, "check", str(folder))
    assert check.code == 0, check.stdout
    assert "3 of 3 PDFs ready to print." in check.stderr


def test_a_checklist_that_loses_a_law_fails_its_check(sample_project, tmp_path):
    """The read-back proves the checklist against the site's plan, not against the template."""
    template = sample_project / "templates/checklist.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace("{% for row in rows %}", "{% for row in rows if row.requirement.law_id != 'fl_509_096' %}"), encoding="utf-8"
    )
    run = run_cli(sample_project, "post", "--state", "FL", "--business", "hotel", "--build", "--out", str(tmp_path))
    assert run.code == 1
    assert "'Florida public lodging human trafficking sign' (fl_509_096) is not on the checklist" in run.stderr
    assert not (tmp_path / "post/checklists").exists() or not list((tmp_path / "post/checklists").rglob("*.pdf"))
    assert (tmp_path / "post/notices/fl_509_096/statewide/notice.pdf").is_file()  # the rest of the batch is built
