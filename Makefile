# Two commands are the contract (README.md):
#   make materials   set up what is missing, then build the default campaign
#   make test        set up what is missing, then run the tests
# Also: make serve (the web page), make test-fast, make lint, make bench, make visual-refresh,
# make clean, make distclean.
# Set-up installs the system packages on Debian/Ubuntu (with sudo when not root) and a .venv
# from the lock file (requirements.lock, made from pyproject.toml by `make lock`); each step is
# skipped when already done.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Rendering: Pango and HarfBuzz's subsetter, Noto fonts for every script, ICU (line breaking),
# the Bootstrap icon set (pictograms), Ghostscript's colour profiles (the CMYK output intent of PDF/X:
# AGPL-3+, see LICENSES/icc-profile.md).
RENDER_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk fontconfig \
                   libicu-dev pkg-config g++ bootstrap-icons libgs-common
# Tests also read PDFs with poppler and drive the web page in Debian's chromium.
TEST_PACKAGES   := poppler-utils chromium

.PHONY: materials test test-fast lint serve bench visual-refresh setup setup-test system-packages test-packages lock clean distclean

materials: setup
	$(PY) make_materials.py build

test: setup-test
	$(PY) -m pytest -n auto --durations=15

# The fast tier (about 15 s on 2 cores): the registry, files, gates, languages and line breaking,
# catalogs and the web page's HTTP surface, with their few real renders; `make test` runs all.
FAST_TESTS := tests/test_registry.py tests/test_files.py tests/test_gate_properties.py tests/test_languages.py \
              tests/test_translation.py tests/test_catalogs.py tests/test_web.py

test-fast: setup-test
	$(PY) -m pytest -n auto -m "not slow" -q $(FAST_TESTS)

lint: setup
	$(VENV)/bin/ruff check awareness tests bench make_materials.py
	$(VENV)/bin/ruff format --check awareness tests bench make_materials.py
	$(VENV)/bin/mypy

serve: setup
	$(PY) make_materials.py serve --host $(HOST) --port $(PORT)

# After a deliberate design change: rewrite the visual-regression references (look at the PDFs first).
visual-refresh: setup
	$(PY) -m tests.visual --refresh

bench: setup
	$(PY) bench/bench.py --repeat 3

setup: system-packages $(VENV)/.installed

setup-test: setup test-packages

system-packages:
	@./scripts/install-system-packages.sh $(RENDER_PACKAGES)

test-packages:
	@./scripts/install-system-packages.sh $(TEST_PACKAGES)

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# Refresh the lock after changing pyproject.toml's dependencies.
lock: setup
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile -q --strip-extras --extra test --extra lint --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock pyproject.toml

# Outputs only; `make distclean` also removes the environment.
clean:
	rm -rf output

distclean: clean
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis *.egg-info
