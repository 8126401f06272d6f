# liaisond — common tasks. `make help` lists them.
#
# Installing: build as yourself, then install as root:
#   make release && sudo make install          (PREFIX=/usr/local, the default)
#   make deb && sudo apt install ./liaisond_*_amd64.deb
# `make install` never runs Swift as root: as root it installs the binary that `make release`
# built, and refuses when there is none or it is older than the sources.
# DESTDIR stages into a folder (packaging): no user is created and systemctl is not called.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
VERSION := $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/LiaisonApp/CLI/CLI.swift)

BINDIR = $(PREFIX)/bin
DOCDIR = $(PREFIX)/share/doc/liaisond
MANDIR = $(PREFIX)/share/man
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
SYSCONFDIR = /etc/liaisond
STATEDIR = /var/lib/liaisond
# Units of packages go to /lib/systemd/system; a local install's to /etc/systemd/system.
UNITDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,/etc/systemd/system)
# The Swift runtime is linked in: the binary needs only libc, libcurl and libsqlite3.
RELEASE_FLAGS ?= -c release --static-swift-stdlib
BIN = .build/release/liaisond
DOCS = README.md CHANGELOG.md docs/config.md docs/admin.md docs/daemon.md
DEBROOT = .build/deb/liaisond_$(VERSION)_amd64
DEB = liaisond_$(VERSION)_amd64.deb
# The installed config: the example plus the store's path (shell, writes to stdout).
INSTALLED_CONF = { cat config/liaisond.conf; printf '\n[store]\n\# The service and every command given this config use this one store.\npath = $(STATEDIR)/liaisond.sqlite\n'; }

.PHONY: help build release test demo install uninstall deb deb-test bench faults fuzz clean man sanitize

help:
	@echo "make build | release | test | demo | install | uninstall | deb | deb-test | man | bench | faults | fuzz | sanitize | clean"

build:
	$(SWIFT) build

release:
	@if [ "$$(id -u)" = 0 ] && [ -n "$$SUDO_USER" ]; then \
		echo "make release: run it as yourself, not with sudo (Swift must not write root-owned files into your checkout)"; exit 1; fi
	$(SWIFT) build $(RELEASE_FLAGS)

test:
	scripts/test

demo:
	scripts/demo

man:
	scripts/manpages

# As a normal user: builds first. As root: installs what was built, never builds.
install:
	@if [ "$$(id -u)" != 0 ]; then $(MAKE) --no-print-directory release; \
	elif [ ! -x $(BIN) ]; then echo "make install: no $(BIN); build it as yourself first: make release (then sudo make install)"; exit 1; \
	elif [ -n "$$(find Sources Package.swift -newer $(BIN) | head -n 1)" ]; then \
		echo "make install: $(BIN) is older than the sources; run make release as yourself first"; exit 1; fi
	install -D -m 0755 $(BIN) "$(DESTDIR)$(BINDIR)/liaisond"
	install -d -m 0755 "$(DESTDIR)$(UNITDIR)"
	sed -e "s|/usr/local/bin/liaisond|$(BINDIR)/liaisond|" \
	    -e "s|file:///usr/local/share/doc/liaisond/|file://$(DOCDIR)/|" \
	    systemd/liaisond.service > "$(DESTDIR)$(UNITDIR)/liaisond.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/liaisond.service"
	install -d -m 0755 "$(DESTDIR)$(DOCDIR)"
	install -m 0644 $(DOCS) "$(DESTDIR)$(DOCDIR)/"
	install -D -m 0644 man/liaisond.8 "$(DESTDIR)$(MANDIR)/man8/liaisond.8"
	install -D -m 0644 man/liaisond.conf.5 "$(DESTDIR)$(MANDIR)/man5/liaisond.conf.5"
	install -D -m 0644 completion/liaisond.bash "$(DESTDIR)$(COMPLETIONDIR)/liaisond"
	install -d -m 0750 "$(DESTDIR)$(SYSCONFDIR)"
	# The example config, pointed at the service's store (every command then uses that one).
	if [ ! -e "$(DESTDIR)$(SYSCONFDIR)/liaisond.conf" ]; then \
		(umask 027; $(INSTALLED_CONF) > "$(DESTDIR)$(SYSCONFDIR)/liaisond.conf"); fi
	[ -e "$(DESTDIR)$(SYSCONFDIR)/members.csv" ] || install -m 0640 config/members.csv "$(DESTDIR)$(SYSCONFDIR)/members.csv"
	[ -e "$(DESTDIR)$(SYSCONFDIR)/people.csv" ] || install -m 0640 config/people.csv "$(DESTDIR)$(SYSCONFDIR)/people.csv"
	@if [ -z "$(DESTDIR)" ]; then \
		getent group liaisond >/dev/null || groupadd --system liaisond; \
		getent passwd liaisond >/dev/null || useradd --system --gid liaisond --home-dir $(STATEDIR) --no-create-home --shell /usr/sbin/nologin liaisond; \
		for f in smtp.password imap.password; do \
			[ -e $(SYSCONFDIR)/$$f ] || install -m 0640 -g liaisond /dev/null $(SYSCONFDIR)/$$f; done; \
		chgrp liaisond $(SYSCONFDIR) $(SYSCONFDIR)/liaisond.conf $(SYSCONFDIR)/members.csv $(SYSCONFDIR)/people.csv; \
		install -d -m 0770 -o liaisond -g liaisond $(STATEDIR); \
		if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
		echo "next: edit $(SYSCONFDIR)/liaisond.conf, then: liaisond check --connect && systemctl enable --now liaisond"; \
	fi

# Removes what `install` put there. Config and roster files are removed only when unchanged
# (and empty password files); the store in $(STATEDIR) is data and stays.
uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl disable --now liaisond 2>/dev/null || true; fi
	rm -f "$(DESTDIR)$(BINDIR)/liaisond" "$(DESTDIR)$(UNITDIR)/liaisond.service" \
	      "$(DESTDIR)$(MANDIR)/man8/liaisond.8" "$(DESTDIR)$(MANDIR)/man5/liaisond.conf.5" \
	      "$(DESTDIR)$(COMPLETIONDIR)/liaisond"
	rm -rf "$(DESTDIR)$(DOCDIR)"
	for f in members.csv people.csv; do \
		cmp -s config/$$f "$(DESTDIR)$(SYSCONFDIR)/$$f" && rm -f "$(DESTDIR)$(SYSCONFDIR)/$$f"; done; true
	$(INSTALLED_CONF) | cmp -s - "$(DESTDIR)$(SYSCONFDIR)/liaisond.conf" && rm -f "$(DESTDIR)$(SYSCONFDIR)/liaisond.conf"; true
	for f in smtp.password imap.password; do \
		[ -f "$(DESTDIR)$(SYSCONFDIR)/$$f" ] && [ ! -s "$(DESTDIR)$(SYSCONFDIR)/$$f" ] && rm -f "$(DESTDIR)$(SYSCONFDIR)/$$f"; done; true
	-rmdir "$(DESTDIR)$(SYSCONFDIR)" 2>/dev/null
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@[ ! -d "$(DESTDIR)$(SYSCONFDIR)" ] || echo "kept $(DESTDIR)$(SYSCONFDIR) (edited files or passwords); remove it yourself when no longer needed"
	@[ ! -d "$(DESTDIR)$(STATEDIR)" ] || echo "kept the store in $(DESTDIR)$(STATEDIR) (take a copy with liaisond backup first if you remove it)"

# A Debian package from what `make install` stages (no network; dpkg-deb only).
deb:
	rm -rf $(DEBROOT)
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(DEBROOT) PREFIX=/usr
	gzip -9n $(DEBROOT)/usr/share/man/man8/liaisond.8 $(DEBROOT)/usr/share/man/man5/liaisond.conf.5
	strip --strip-debug $(DEBROOT)/usr/bin/liaisond
	install -m 0644 debian/copyright $(DEBROOT)/usr/share/doc/liaisond/copyright
	install -d -m 0755 $(DEBROOT)/DEBIAN
	sed -e "s/@VERSION@/$(VERSION)/" -e "s/@SIZE@/$$(du -sk --exclude=DEBIAN $(DEBROOT) | cut -f1)/" \
	    debian/control > $(DEBROOT)/DEBIAN/control
	install -m 0644 debian/conffiles $(DEBROOT)/DEBIAN/conffiles
	install -m 0755 debian/postinst debian/prerm debian/postrm $(DEBROOT)/DEBIAN/
	dpkg-deb --root-owner-group --build $(DEBROOT) $(DEB)

# Builds the .deb, installs it on this machine (root), verifies the unit, removes it again.
deb-test:
	scripts/deb-test

bench:
	scripts/bench

faults:
	scripts/faults

fuzz:
	scripts/fuzz

clean:
	rm -rf .build

# The test suite under AddressSanitizer and ThreadSanitizer (own build folders .build/asan, .build/tsan).
sanitize:
	scripts/sanitize
