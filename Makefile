# Two commands are the contract (README.md):
#   make materials   set up what is missing, then build the default campaign
#   make test        set up what is missing, then run the tests
# Set-up installs the system packages on Debian/Ubuntu (with sudo when not root) and a
# .venv with the Python packages; each step is skipped when already done.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk fontconfig

.PHONY: materials test setup system-packages clean

materials: setup
	$(PY) make_materials.py build

test: setup
	$(PY) -m pytest

setup: system-packages $(VENV)/.installed

system-packages:
	@./scripts/install-system-packages.sh $(SYSTEM_PACKAGES)

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

clean:
	rm -rf output $(VENV) translations/*/LC_MESSAGES/*.mo
