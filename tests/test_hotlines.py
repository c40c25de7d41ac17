"""The registry: every number checked, every known-bad form refused, payloads derived."""

from __future__ import annotations

import copy

import pytest

from awareness.errors import Collector
from awareness.hotlines import KnownBadNumber, build_registry, digits_of
from awareness.yamlfile import load_yaml

from .conftest import PROJECT_ROOT

REGISTRY = load_yaml(PROJECT_ROOT / "materials" / "hotlines.yaml")
KNOWN_BAD = [KnownBadNumber(**entry) for entry in load_yaml(PROJECT_ROOT / "materials" / "known_bad_numbers.yaml")]


def _build(data):
    problems = Collector()
    return build_registry(data, KNOWN_BAD, problems), [str(error) for error in problems.errors]


def test_project_registry_is_clean_and_correct():
    registry, problems = _build(REGISTRY)
    assert problems == []
    trafficking = registry["us_trafficking"]
    assert str(trafficking.phone) == "1-888-373-7888"
    assert trafficking.phone.tel_uri == "tel:+18883737888"
    assert trafficking.sms.sms_uri == "sms:233733?body=HELP"
    assert str(registry["childhelp"].phone) == "1-800-4-A-CHILD (1-800-422-4453)"
    assert str(registry["ncmec"].phone) == "1-800-THE-LOST (1-800-843-5678)"


@pytest.mark.parametrize("bad", KNOWN_BAD, ids=lambda bad: bad.form)
def test_every_known_bad_form_is_refused(bad):
    entry = {key: REGISTRY["ncmec"][key] for key in ("name", "about", "hours", "source", "verified")}
    entry.update(country="US", phone={"dial": "+" + digits_of(bad.form), "display": bad.form})
    _registry, problems = _build({"line": entry})
    assert any(f"{bad.form} is a known wrong number" in problem and bad.correct in problem for problem in problems), problems


def test_vanity_must_spell_the_number():
    data = copy.deepcopy(dict(REGISTRY))
    data["childhelp"] = {**data["childhelp"], "phone": {"dial": "+18004224453", "display": "1-800-422-4453", "vanity": "1-800-4-A-CHILL"}}
    _registry, problems = _build(data)
    assert any("vanity form '1-800-4-A-CHILL' does not spell 1-800-422-4453" in problem for problem in problems)


def test_invalid_numbers_and_short_codes_are_refused():
    data = copy.deepcopy(dict(REGISTRY))
    data["us_trafficking"] = {**data["us_trafficking"], "phone": {"dial": "+1888373788", "display": "1-888-373-788"}}
    data["ncmec"] = {**data["ncmec"], "tty": {"dial": "7"}}
    _registry, problems = _build(data)
    assert any("+1888373788 is not a valid phone number" in problem for problem in problems)
    assert any("7 is not a valid short number in US" in problem for problem in problems)
