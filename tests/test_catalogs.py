"""The translators' workflow: extract, init, update; a new message falls back to English."""

from __future__ import annotations

import json

from babel.messages.pofile import read_po

from .conftest import line_of, replace_in, run_cli


def _catalog(path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_extract_takes_templates_and_material_text_with_locations(sample_project):
    run = run_cli(sample_project, "translations", "extract")
    assert run.code == 0, run.stderr
    pot = _catalog(sample_project / "translations" / "messages.pot")
    call = pot["Call %(number)s"]
    assert "python-format" in call.flags
    assert call.locations[0][0] == "templates/macros.html"
    headline = pot["See the signs of child trafficking"]
    poster = sample_project / "materials" / "poster.yaml"
    assert ("materials/poster.yaml", line_of(poster, "headline:")) in headline.locations
    assert "material: poster (headline)" in headline.auto_comments
    assert pot["National Human Trafficking Hotline"].auto_comments == ["hotlines: us_trafficking (name)"]


def test_template_syntax_error_is_reported_not_skipped(sample_project):
    template = sample_project / "templates" / "poster.html"
    replace_in(template, "{% endblock %}", "{% endif %}")
    run = run_cli(sample_project, "translations", "extract")
    assert run.code == 1
    assert "error: templates/poster.html:" in run.stderr and "template syntax error" in run.stderr


def test_new_message_is_missing_everywhere_then_falls_back(sample_project, tmp_path):
    template = sample_project / "templates" / "wallet_card.html"
    replace_in(template, '<p class="back-call">', '<p>{{ _("Keep this card safe.") }}</p><p class="back-call">')
    assert run_cli(sample_project, "translations", "extract").code == 0
    assert run_cli(sample_project, "translations", "update").code == 0
    for po in sorted((sample_project / "translations").glob("*/LC_MESSAGES/messages.po")):
        message = _catalog(po)["Keep this card safe."]
        assert message is not None and message.string == "", po
    status = json.loads(run_cli(sample_project, "translations", "status", "--format", "json").stdout)
    assert all(entry["missing"] >= 1 and "wallet_card" in entry["incomplete"] for entry in status)
    run = run_cli(sample_project, "build", "--lang", "vi", "--material", "wallet_card", "--out", str(tmp_path / "out"))
    assert run.code == 0, run.stderr
    assert (
        "warning: translations/vi/LC_MESSAGES/messages.po: 1 message(s) not translated, printed in English, "
        "e.g. 'Keep this card safe.' [catalog.untranslated]"
    ) in run.stderr


def test_init_creates_a_draft_catalog_with_plural_forms(sample_project):
    run = run_cli(sample_project, "translations", "init", "km")
    assert run.code == 0, run.stderr
    po = sample_project / "translations" / "km" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert "Review-State: draft" in text
    catalog = _catalog(po)
    assert str(catalog.locale) == "km" and catalog.num_plurals == 1
    listing = run_cli(sample_project, "list")
    assert any(line.split()[:1] == ["km"] and "draft" in line for line in listing.stdout.splitlines())
