# Two commands for a fresh Debian machine with Python 3.11 (see README):
#   make run    install and start the dashboard on the embedded SQLite demo
#   make test   install everything (incl. chromium, CJK fonts and PostgreSQL) and run the whole test suite
#   make test-fast   the developer loop: SQLite only, no browser, no `slow` tests (see README, Tests)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
APT_PACKAGES := chromium fonts-noto-cjk postgresql

.PHONY: run test test-fast install install-test system-packages bench

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(PY)
	$(PY) -m pip install --quiet -r requirements.txt

install-test: $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt

# Debian packages for the browser tests (chromium, fonts) and the PostgreSQL runs of the query and import
# tests (postgresql: only its binaries are used; tests/pgserver.py starts a throwaway cluster in a temp
# folder, so the package is told not to create the "main" cluster a system-wide service would run);
# installed only when missing.
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  echo "installing$$missing"; \
	  case " $$missing " in *" postgresql "*) \
	    $$SUDO mkdir -p /etc/postgresql-common/createcluster.d && \
	    echo "create_main_cluster = false" | $$SUDO tee /etc/postgresql-common/createcluster.d/no-main-cluster.conf >/dev/null;; \
	  esac; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: install
	$(PY) app.py --server.port $(PORT)

# Everything (all tests, browser and PostgreSQL included); the 15 slowest are listed at the end of the output.
test: install-test system-packages
	$(PY) -m pytest --durations=15

# The quick loop: no Debian packages needed; PostgreSQL, browser and `slow` tests are left to `make test`.
FAST_ARGS := -m "not slow and not browser" -k "not postgresql"
test-fast: install-test
	$(PY) -m pytest $(FAST_ARGS) $(ARGS)

# The benchmark table (bench/runner.py); needs chromium for the memory row (BENCH_ARGS=--no-browser skips it).
bench: install-test system-packages
	$(PY) -m bench $(BENCH_ARGS)
