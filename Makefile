# socialtui: `make run` opens the app on a demo practice (dry run); `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DIR    := $(CURDIR)/.demo
DEMO_DB     := sqlite:///$(DEMO_DIR)/socialtui.db
DEMO_CONFIG := $(CURDIR)/config/demo.toml
# The demo keeps its data (consent documents, drafts) beside its database, not in your home.
DEMO_ENV    := XDG_DATA_HOME=$(DEMO_DIR)/data XDG_CONFIG_HOME=$(DEMO_DIR)/config
PYTEST_ARGS ?= -n 2

.PHONY: run test bench lint demo-reset clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) scripts/bootstrap_venv.py $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@mkdir -p $(DEMO_DIR)
	@test -f $(DEMO_DIR)/socialtui.db || $(DEMO_ENV) $(BIN)/socialtui --config $(DEMO_CONFIG) --db $(DEMO_DB) demo
	$(DEMO_ENV) $(BIN)/socialtui --config $(DEMO_CONFIG) --db $(DEMO_DB) --dry-run

demo-reset: $(STAMP)
	@mkdir -p $(DEMO_DIR)
	$(DEMO_ENV) $(BIN)/socialtui --config $(DEMO_CONFIG) --db $(DEMO_DB) demo --reset

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/mypy --strict

bench: $(STAMP)
	$(BIN)/python bench/store.py
	$(BIN)/python bench/checks.py
	$(BIN)/python bench/dispatch.py
	$(BIN)/python bench/tui.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .hypothesis
