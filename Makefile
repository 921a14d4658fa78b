# The two commands of the README, and a few more for contributors and trainers.
#   make serve   - the site at http://127.0.0.1:8000 (English at /, Urdu at /ur/)
#   make test    - the whole test suite
# Both create the virtual environment (.venv) from requirements.lock on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build offline lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)
	sh scripts/ensure-test-tools
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=25

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# A copy for USB sticks, opened from file:// without a server, in site-offline/.
offline: $(STAMP)
	HANDBOOK_OFFLINE=true SITE_DIR=site-offline $(BIN)/mkdocs build --strict

# Re-resolve the pinned dependency set after changing pyproject.toml.
lock:
	$(PYTHON) -m venv $(VENV)-tools
	$(VENV)-tools/bin/python -m pip install --quiet pip-tools
	$(VENV)-tools/bin/pip-compile --quiet --generate-hashes --extra dev --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site site-offline
