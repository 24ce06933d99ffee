# Set-up and the two everyday jobs. `make demo` and `make test` do all the set-up they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LESSONS := $(wildcard lessons/*.yaml)
# Where the doccano tests keep doccano's own environment (tests/doccano/conftest.py).
DOCCANO_VERSION := $(shell sed -n 's/^DOCCANO_VERSION = "\(.*\)"$$/\1/p' toolkit/doccano/install.py)
DOCCANO_VENV ?= $(or $(MLT_DOCCANO_VENV),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/mlt/doccano-$(DOCCANO_VERSION)-venv)

.PHONY: demo test system-deps bench clean

demo: $(STAMP) system-deps
	$(BIN)/mlt validate annotations/samples
	$(BIN)/mlt build lessons/
	@echo "Handouts for the $(words $(LESSONS)) sample lesson$(if $(filter 1,$(words $(LESSONS))),,s) are in exports/ (student, teacher, annotated; PDF and HTML)."
	@echo "Run the toolkit as $(BIN)/mlt (try $(BIN)/mlt --help), or type \`. $(BIN)/activate\` once and then just \`mlt\`."

test: $(STAMP) system-deps
	@sh scripts/test-deps.sh
	@[ -f "$(DOCCANO_VENV)/.mlt-installed" ] || echo "make test: the doccano tests run a real doccano $(DOCCANO_VERSION) server; this first run downloads and installs it (about 700 MB, 30-45 s on a fast line) into $(DOCCANO_VENV), later runs reuse it."
	$(BIN)/python -m pytest -q

bench: $(STAMP) system-deps
	$(BIN)/python -m benchmarks

system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) exports/* .pytest_cache
