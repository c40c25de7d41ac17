"""The registry: every number checked, every known-bad form refused in any format, payloads and
labels derived from the same validated values, registry fields ASCII by pattern."""

from __future__ import annotations

import copy
import datetime

import pytest

from awareness.load.yamlsafe import load_yaml
from awareness.model.diagnostics import Collector
from awareness.model.hotline import build_hotline, known_bad_numbers
from awareness.text.numbers import keypad_digits

from .conftest import PROJECT_ROOT

REGISTRY = load_yaml(PROJECT_ROOT / "materials" / "hotlines.yaml")
BAD_ENTRIES = list(load_yaml(PROJECT_ROOT / "materials" / "known_bad_numbers.yaml"))
NATIONALS = {"8883737888", "8004224453", "8005533000", "8553527233", "233733"}
KNOWN_BAD = known_bad_numbers(BAD_ENTRIES, NATIONALS)


def _build(data):
    problems = Collector()
    registry = {}
    for line_id, entry in data.items():
        entry = dict(entry) | {"verified": datetime.date(2026, 11, 22)}
        hotline = build_hotline(line_id, entry, KNOWN_BAD, problems, data[line_id])
        if hotline:
            registry[line_id] = hotline
    return registry, [str(error) for error in problems.errors]


def test_project_registry_is_clean_and_correct():
    registry, problems = _build(REGISTRY)
    assert problems == []
    trafficking = registry["us_trafficking"]
    assert trafficking.phone.printed == "1-888-373-7888"
    assert trafficking.phone.tel_uri == "tel:+18883737888"
    assert trafficking.sms.sms_uri == "sms:233733?body=HELP"
    assert trafficking.web.url == "https://humantraffickinghotline.org" and trafficking.web.label == "humantraffickinghotline.org"
    assert registry["childhelp"].phone.printed == "1-800-4-A-CHILD (1-800-422-4453)"
    assert registry["ncmec"].phone.printed == "1-800-THE-LOST (1-800-843-5678)"
    assert registry["fl_trafficking"].phone.printed == "1-855-FLA-SAFE"  # the derived digits are never printed


@pytest.mark.parametrize("bad", KNOWN_BAD, ids=lambda bad: bad.form)
def test_every_known_bad_form_is_refused(bad):
    entry = {key: REGISTRY["ncmec"][key] for key in ("name", "about", "hours", "source", "verified")}
    country = bad.country
    dial = "+" + keypad_digits(bad.form) if country == "US" else "+52" + keypad_digits(bad.form)
    entry.update(country=country, phone={"dial": dial, "display": bad.form})
    _registry, problems = _build({"line": entry})
    assert any(f"{bad.form} is a known wrong number" in problem and bad.correct in problem for problem in problems), problems


@pytest.mark.parametrize("display", ["800-373-7888", "(800) 373-7888", "+1 800 373 7888", "800.373.7888", "1 (800) 373 7888"])
def test_the_known_bad_number_in_a_national_or_international_format_is_refused(display):
    entry = {key: REGISTRY["ncmec"][key] for key in ("name", "about", "hours", "source", "verified")}
    entry.update(country="US", phone={"dial": "+18003737888", "display": display})
    _registry, problems = _build({"line": entry})
    assert any("1-800-373-7888 is a known wrong number" in problem for problem in problems), problems


def test_the_good_mexican_number_is_not_mistaken_for_its_dead_prefix_form():
    _registry, problems = _build({"mx_trafficking": REGISTRY["mx_trafficking"]})
    assert problems == []


def test_vanity_must_spell_the_number():
    data = copy.deepcopy(dict(REGISTRY))
    data["childhelp"] = {
        **data["childhelp"],
        "phone": {"dial": "+18004224453", "display": "1-800-422-4453", "vanity": "1-800-4-A-CHILL"},
    }
    _registry, problems = _build(data)
    assert any("vanity form '1-800-4-A-CHILL' does not spell 1-800-422-4453" in problem for problem in problems)


def test_invalid_numbers_and_short_codes_are_refused():
    data = copy.deepcopy(dict(REGISTRY))
    data["us_trafficking"] = {**data["us_trafficking"], "phone": {"dial": "+1888373788", "display": "1-888-373-788"}}
    data["ncmec"] = {**data["ncmec"], "tty": {"dial": "7"}}
    _registry, problems = _build(data)
    assert any("+1888373788 is not a valid phone number" in problem for problem in problems)
    assert any("dial '7' is not a well-formed dial" in problem for problem in problems)
