# The two commands a new user needs: `make demo` and `make test`.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test bench serve clean

$(BIN)/ivp: pyproject.toml
	$(PY) -m venv $(VENV)
	# the CPU build of torch first, so sentence-transformers does not pull CUDA packages
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/ivp

install: $(BIN)/ivp

demo: install
	$(BIN)/ivp ingest corpus
	$(BIN)/ivp stats
	$(BIN)/ivp ask "what are we doing on mensenhandel"

test: install
	bash scripts/install-browser.sh
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest -q  # the remote-store tests find the oxigraph server in the venv

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

serve: install
	$(BIN)/ivp serve
