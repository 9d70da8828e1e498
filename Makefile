# Entry points. `make report` and `make test` each build .venv/ from the lock file.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install report notebooks parse test test-notebooks lint lock bench clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

parse: $(STAMP)
	$(BIN)/lawgov parse data/raw -o data/processed

# MPLBACKEND=Agg would leave the executed notebooks without charts: unset it for the kernels.
report: parse
	env -u MPLBACKEND $(BIN)/lawgov report

# Re-execute notebooks/ on data/raw and keep the outputs (the nbval references): run it
# after a change in parsing changes a number, review the diff, commit the notebooks.
notebooks: $(STAMP)
	env -u MPLBACKEND $(BIN)/lawgov report --update-notebooks

lint: $(STAMP)
	$(BIN)/ruff check lawgov tests

test: lint
	$(BIN)/pytest
	$(MAKE) test-notebooks

# The committed notebooks' marked outputs (# NBVAL_CHECK_OUTPUT) against a fresh run.
test-notebooks: $(STAMP)
	env -u MPLBACKEND $(BIN)/pytest --nbval-lax --nbval-current-env -p no:cacheprovider \
		--nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

# Throughput, memory and cache figures on a synthetic corpus (ARGS="--reports 10000").
bench: $(STAMP)
	$(BIN)/python -m lawgov.bench $(ARGS)

# Re-resolve the pinned versions deliberately (needs network); re-run the notebooks afterwards.
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) data/processed/* data/processed/.lawgov-cache reports/*
